using System.Globalization;
using PromptGen.Language.Collections;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;
using PromptGen.Language.Text;
using PromptGen.Language.Semantics;

namespace PromptGen.Language.Binding;

/// <summary>
/// Type-checks a template against its input schema, following Handlebars' scoping exactly: a name is looked up on the
/// current context only (<c>#each</c> and <c>#with</c> change it; there is no implicit lookup in parent scopes),
/// <c>../</c> walks the contexts blocks pushed, <c>@root</c> is the input, block parameters shadow context fields.
/// Reports PG0203 (undeclared variable), PG0204 (unused input field) and PG0209 (type misuse).
/// A prompt without an input schema is untyped: nothing is reported.
/// </summary>
public static class TemplateBinder
{
    private static readonly SchemaNode IntegerType = new() { Kind = SchemaKind.Integer };

    /// <param name="template">The parsed template (calls and block parameters already resolved by the parser).</param>
    /// <param name="inputType">The input schema, or null for an untyped prompt (nothing is checked then).</param>
    /// <param name="partials">Where <c>{{> name}}</c> finds partials (bound in the caller's context).</param>
    /// <param name="reportUnusedInputs">Whether to report PG0204 for top-level fields the template never reads (at their declaration).</param>
    /// <param name="cancellationToken">Checked at every program, so a build that is cancelled stops binding at once.</param>
    public static TemplateBinding Bind(Template template, SchemaNode? inputType, IPartialResolver? partials = null, bool reportUnusedInputs = true,
        CancellationToken cancellationToken = default)
    {
        if (template is null) throw new ArgumentNullException(nameof(template));
        return StackGuard.Run(() =>
        {
            var binder = new Binder(template, inputType, partials, cancellationToken);
            binder.BindRoot();
            if (inputType is { Kind: SchemaKind.Object } && reportUnusedInputs && !binder.RootWhollyUsed)
            {
                foreach (var field in inputType.Properties)
                {
                    if (binder.UsedFields.Contains(field.Name)) continue;
                    var span = field.KeySpan ?? inputType.Span ?? template.Source.LineMap.GetSpan(0, 0);
                    binder.Diagnostics.Add(new PromptDiagnostic(DiagnosticDescriptors.UnusedInput, template.Source.Path, span,
                        $"Input field '{field.Name}' is declared but the template never uses it."));
                }
            }

            return new TemplateBinding(inputType, binder.Types, binder.UsedFields, binder.Diagnostics) { Scopes = binder.Scopes };
        });
    }

    /// <summary>The static scope of a program: its context, the contexts <c>../</c> reaches and the block parameters in sight.</summary>
    private sealed class Scope(SchemaNode context, Scope? parentDepth, IReadOnlyList<(string Name, SchemaNode Type)> blockParams, Template template)
    {
        public SchemaNode Context { get; } = context;

        /// <summary>The next context up the <c>../</c> chain (null above the root or a partial's context).</summary>
        public Scope? ParentDepth { get; } = parentDepth;

        /// <summary>Innermost first.</summary>
        public IReadOnlyList<(string Name, SchemaNode Type)> BlockParams { get; } = blockParams;

        public Template Template { get; } = template;

        private TemplateScope? _public;

        /// <summary>The same scope as editors see it (built once, on demand).</summary>
        public TemplateScope ToPublic() => _public ??= new TemplateScope(Context, ParentDepth?.ToPublic(),
            BlockParams.Select(p => new TemplateBlockParameter(p.Name, p.Type)).ToList());

        public Scope Push(SchemaNode context, IReadOnlyList<(string Name, SchemaNode Type)> newParams) =>
            new(context, this, newParams.Concat(BlockParams).ToList(), Template);

        public Scope WithParams(IReadOnlyList<(string Name, SchemaNode Type)> newParams) =>
            newParams.Count == 0 ? this : new Scope(Context, ParentDepth, newParams.Concat(BlockParams).ToList(), Template);
    }

    private sealed class Binder
    {
        private readonly Template _template;
        private readonly SchemaNode? _input;
        private readonly SchemaNode _root;
        private readonly IPartialResolver? _partials;
        private readonly List<string> _partialChain = new();
        private readonly HashSet<(string Partial, SchemaNode Context)> _boundPartials = new();

        private readonly CancellationToken _cancellationToken;

        public Binder(Template template, SchemaNode? input, IPartialResolver? partials, CancellationToken cancellationToken)
        {
            _cancellationToken = cancellationToken;
            _template = template;
            _input = input;
            _root = input ?? SchemaNode.Any;
            _partials = partials;
        }

        public Dictionary<PathExpression, SchemaNode> Types { get; } = new();

        public HashSet<string> UsedFields { get; } = new(StringComparer.Ordinal);

        public Dictionary<TemplateProgram, TemplateScope> Scopes { get; } = new();

        public List<PromptDiagnostic> Diagnostics { get; } = new();

        public bool RootWhollyUsed { get; private set; }

        public void BindRoot() => BindProgram(_template.Body, new Scope(_root, null, Array.Empty<(string, SchemaNode)>(), _template));

        private void Report(PromptDiagnosticDescriptor descriptor, Scope scope, SourceSpan span, string message)
        {
            if (_input is null) return;
            var diagnostic = new PromptDiagnostic(descriptor, scope.Template.Source.Path, span, message);
            if (!Diagnostics.Contains(diagnostic)) Diagnostics.Add(diagnostic);
        }

        private void BindProgram(TemplateProgram? program, Scope scope)
        {
            if (program is null) return;
            if (!Scopes.ContainsKey(program)) Scopes[program] = scope.ToPublic();
            StackGuard.Check();
            _cancellationToken.ThrowIfCancellationRequested();
            var statements = program.Statements;
            for (var i = 0; i < statements.Count; i++)
            {
                switch (statements[i])
                {
                    case MustacheStatement mustache:
                        BindCall(mustache.Call, mustache.Path, mustache.Params, mustache.Hash, scope);
                        break;
                    case BlockStatement block:
                        BindBlock(block, scope);
                        break;
                    case PartialStatement partial:
                        BindPartial(partial.Name, partial.Params, partial.Hash, null, scope);
                        break;
                    case PartialBlockStatement partialBlock:
                        BindPartial(partialBlock.Name, partialBlock.Params, partialBlock.Hash, partialBlock.Program, scope);
                        break;
                }
            }
        }

        private SchemaNode BindCall(CallTarget target, Expression pathExpression, IReadOnlyList<Expression> parameters, HashExpression? hash, Scope scope)
        {
            if (target.Kind == CallKind.Value)
            {
                // A plain value (a literal in name position is a field name to Handlebars).
                return pathExpression is PathExpression path ? BindPath(path, scope, ValueUse.Printed) : SchemaNode.Any;
            }

            var use = target.Helper == "json" ? ValueUse.Whole : ValueUse.Argument;
            for (var i = 0; i < parameters.Count; i++) BindExpression(parameters[i], scope, use);
            BindHash(hash, scope);
            return SchemaNode.Any;
        }

        private SchemaNode BindExpression(Expression expression, Scope scope, ValueUse use) => expression switch
        {
            PathExpression path => BindPath(path, scope, use),
            SubExpression sub => BindCall(sub.Call, sub.Path, sub.Params, sub.Hash, scope),
            _ => SchemaNode.Any,
        };

        private enum ValueUse
        {
            /// <summary>Printed or tested: an object there is the whole object.</summary>
            Printed,

            /// <summary>Passed to a helper.</summary>
            Argument,

            /// <summary>Serialized whole (json) or iterated: every field is used.</summary>
            Whole,

            /// <summary>Becomes a context (#with, #each, partial): its fields are checked where they are read.</summary>
            Context,
        }

        private SchemaNode BindPath(PathExpression path, Scope scope, ValueUse use)
        {
            SchemaNode current;
            int start;
            if (path.IsData)
            {
                if (path.Parts.Count == 0 || path.Parts[0] != "root" || path.Depth != 0)
                {
                    Types[path] = SchemaNode.Any;
                    return SchemaNode.Any;
                }

                current = _root;
                start = 1;
            }
            else if (path.TryFindBlockParameter(scope.BlockParams, out var blockParamType))
            {
                current = blockParamType;
                start = 1;
            }
            else
            {
                var target = scope;
                for (var i = 0; i < path.Depth && target is not null; i++) target = target.ParentDepth;
                if (target is null)
                {
                    Report(DiagnosticDescriptors.UndeclaredVariable, scope, path.Span,
                        $"'{path.Original}' goes above the outermost context; there is nothing there.");
                    Types[path] = SchemaNode.Any;
                    return SchemaNode.Any;
                }

                current = target.Context;
                start = 0;
            }

            for (var i = start; i < path.Parts.Count; i++)
            {
                var part = path.Parts[i];
                if (ReferenceEquals(current, _root) && _input is not null) UsedFields.Add(part);
                var next = Member(current, part, path, i, scope);
                if (next is null)
                {
                    Types[path] = SchemaNode.Any;
                    return SchemaNode.Any;
                }

                current = next;
            }

            if (ReferenceEquals(current, _root) && use is ValueUse.Printed or ValueUse.Argument or ValueUse.Whole) RootWhollyUsed = true;
            Types[path] = current;
            return current;
        }

        /// <summary>The type of <c>owner.part</c>, or null (after reporting) when there is no such member.</summary>
        private SchemaNode? Member(SchemaNode owner, string part, PathExpression path, int index, Scope scope)
        {
            switch (owner.Kind)
            {
                case SchemaKind.Any:
                    return SchemaNode.Any;
                case SchemaKind.Object:
                    if (owner.FindProperty(part) is { } property) return property.Type;
                    if (owner.AdditionalProperties is { } additional) return additional;
                    var names = owner.Properties.Select(p => p.Name).ToList();
                    var shown = string.Join(".", path.Parts.Take(index + 1));
                    var where = index == 0 && ReferenceEquals(owner, _root) ? "the input schema" : $"'{string.Join(".", path.Parts.Take(index).DefaultIfEmpty("this"))}'";
                    Report(DiagnosticDescriptors.UndeclaredVariable, scope, PathSegments.Locate(scope.Template, path, index),
                        $"'{shown}' is not declared: {where} has no field '{part}'.{DidYouMean.Hint(part, names)}" +
                        (names.Count > 0 ? $" Declared: {string.Join(", ", names)}." : string.Empty));
                    return null;
                case SchemaKind.Map:
                    return owner.AdditionalProperties ?? SchemaNode.Any;
                case SchemaKind.Array:
                    if (part == "length") return IntegerType;
                    if (JsValues.TryParseIndex(part, out _)) return owner.Items ?? SchemaNode.Any;
                    break;
                case SchemaKind.String:
                    if (part == "length") return IntegerType;
                    if (JsValues.TryParseIndex(part, out _)) return owner;
                    break;
            }

            var ownerText = index == 0 ? "this" : string.Join(".", path.Parts.Take(index));
            Report(DiagnosticDescriptors.TypeMisuse, scope, PathSegments.Locate(scope.Template, path, index),
                $"'{ownerText}' is a {owner.Describe()}; it has no field '{part}'.");
            return null;
        }

        private void BindBlock(BlockStatement block, Scope scope)
        {
            var helper = block.Call.Kind == CallKind.Value ? null : block.Call.Helper ?? string.Empty;
            var blockParams = block.BlockParams;
            var argument = block.Params.Count > 0 ? block.Params[0] : null;
            switch (helper)
            {
                case "each":
                {
                    var type = argument is null ? SchemaNode.Any : BindExpression(argument, scope, ValueUse.Context);
                    BindHash(block.Hash, scope);
                    SchemaNode item;
                    var keyType = SchemaNode.Any;
                    switch (type.Kind)
                    {
                        case SchemaKind.Array:
                            item = type.Items ?? SchemaNode.Any;
                            keyType = IntegerType;
                            break;
                        case SchemaKind.Map:
                            item = type.AdditionalProperties ?? SchemaNode.Any;
                            break;
                        case SchemaKind.Object:
                            item = SchemaNode.Any;
                            MarkWhole(type);
                            break;
                        case SchemaKind.Any:
                            item = SchemaNode.Any;
                            break;
                        default:
                            Report(DiagnosticDescriptors.TypeMisuse, scope, argument!.Span,
                                $"'#each' needs a list or an object, but '{argument.Original}' is a {type.Describe()}.");
                            item = SchemaNode.Any;
                            break;
                    }

                    BindProgram(block.Program, scope.Push(item, Params(blockParams, item, keyType)));
                    BindProgram(block.Inverse, scope);
                    return;
                }

                case "with":
                {
                    var type = argument is null ? SchemaNode.Any : BindExpression(argument, scope, ValueUse.Context);
                    BindHash(block.Hash, scope);
                    if (type.IsScalar && argument is not null)
                    {
                        Report(DiagnosticDescriptors.TypeMisuse, scope, argument.Span,
                            $"'#with' needs an object, but '{argument.Original}' is a {type.Describe()}.");
                    }

                    var same = argument is PathExpression { Parts.Count: 0, Depth: 0, IsData: false };
                    var inner = same ? scope.WithParams(Params(blockParams, type, null)) : scope.Push(type, Params(blockParams, type, null));
                    BindProgram(block.Program, inner);
                    BindProgram(block.Inverse, scope);
                    return;
                }

                case null:
                {
                    // {{#value}}...{{/value}}: Handlebars' blockHelperMissing iterates lists, enters objects, tests the rest.
                    var type = block.Path is PathExpression path ? BindPath(path, scope, ValueUse.Context) : SchemaNode.Any;
                    var inner = type.Kind switch
                    {
                        SchemaKind.Array => scope.Push(type.Items ?? SchemaNode.Any, Params(blockParams, type.Items ?? SchemaNode.Any, IntegerType)),
                        SchemaKind.Object or SchemaKind.Map or SchemaKind.Any => scope.Push(type, Array.Empty<(string, SchemaNode)>()),
                        _ => scope,
                    };
                    BindProgram(block.Program, inner);
                    BindProgram(block.Inverse, scope);
                    return;
                }

                default:
                    for (var i = 0; i < block.Params.Count; i++) BindExpression(block.Params[i], scope, ValueUse.Argument);
                    BindHash(block.Hash, scope);
                    BindProgram(block.Program, scope);
                    BindProgram(block.Inverse, scope);
                    return;
            }
        }

        private void MarkWhole(SchemaNode type)
        {
            if (ReferenceEquals(type, _root)) RootWhollyUsed = true;
        }

        private void BindHash(HashExpression? hash, Scope scope)
        {
            if (hash is null) return;
            foreach (var pair in hash.Pairs) BindExpression(pair.Value, scope, ValueUse.Argument);
        }

        private static IReadOnlyList<(string Name, SchemaNode Type)> Params(IReadOnlyList<string> names, SchemaNode first, SchemaNode? second)
        {
            var list = new List<(string, SchemaNode)>();
            if (names.Count > 0) list.Add((names[0], first));
            if (names.Count > 1) list.Add((names[1], second ?? SchemaNode.Any));
            for (var i = 2; i < names.Count; i++) list.Add((names[i], SchemaNode.Any));
            return list;
        }

        private void BindPartial(Expression name, IReadOnlyList<Expression> parameters, HashExpression? hash, TemplateProgram? fallback, Scope scope)
        {
            if (name is SubExpression dynamicName) BindExpression(dynamicName, scope, ValueUse.Argument);
            var context = parameters.Count > 0 ? BindExpression(parameters[0], scope, ValueUse.Context) : scope.Context;
            for (var i = 1; i < parameters.Count; i++) BindExpression(parameters[i], scope, ValueUse.Argument);
            if (hash is not null)
            {
                var properties = new List<SchemaProperty>();
                foreach (var pair in hash.Pairs)
                {
                    properties.Add(new SchemaProperty(pair.Key, BindExpression(pair.Value, scope, ValueUse.Argument), true, null, null));
                }

                // Hash arguments are added to the context; an object context keeps its fields, anything else is opaque.
                if (context.Kind == SchemaKind.Object)
                {
                    MarkWhole(context);
                    var merged = context.Properties.Where(p => hash.Find(p.Name) is null).Concat(properties);
                    context = new SchemaNode { Kind = SchemaKind.Object, Properties = merged.ToEquatableArray() };
                }
                else
                {
                    context = SchemaNode.Any;
                }
            }

            if (fallback is not null) BindProgram(fallback, scope.Push(context, Array.Empty<(string, SchemaNode)>()));
            var partialName = name is SubExpression ? null : name.Original;
            if (partialName is null || partialName == "@partial-block") return;
            var partial = _partials?.Resolve(partialName);
            if (partial is null || _partialChain.Contains(partialName) || _partialChain.Count >= TemplateParser.MaxNestingDepth) return;

            // A partial bound once in a context needs no second pass in an equal one: chains that include the next
            // partial several times stay linear instead of doubling per level.
            if (!_boundPartials.Add((partialName, context))) return;
            _partialChain.Add(partialName);
            BindProgram(partial.Template.Body, new Scope(context, null, Array.Empty<(string, SchemaNode)>(), partial.Template));
            _partialChain.RemoveAt(_partialChain.Count - 1);
        }
    }
}
