using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;
using PromptGen.Language.Text;
using PromptGen.Language.Values;

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
    /// <param name="template">The parsed template.</param>
    /// <param name="inputSchema">The input JSON Schema (Picoschema converted), or null for an untyped prompt.</param>
    /// <param name="partials">Where <c>{{> name}}</c> finds partials (bound in the caller's context).</param>
    /// <param name="locateInputField">Where a top-level input field is declared, for PG0204; null to skip PG0204.</param>
    public static TemplateBinding Bind(Template template, PromptValue? inputSchema, IPartialResolver? partials = null,
        Func<string, SourceSpan?>? locateInputField = null)
    {
        if (template is null) throw new ArgumentNullException(nameof(template));
        var inputType = inputSchema is null ? null : SchemaType.FromSchema(inputSchema);
        return StackGuard.Run(() =>
        {
            var binder = new Binder(template, inputType, partials);
            binder.BindRoot();
            if (inputType is { Kind: SchemaTypeKind.Object } && locateInputField is not null && !binder.RootWhollyUsed)
            {
                foreach (var field in inputType.Properties)
                {
                    if (binder.UsedFields.Contains(field.Key)) continue;
                    var span = locateInputField(field.Key) ?? template.Source.LineMap.GetSpan(0, 0);
                    binder.Diagnostics.Add(new PromptDiagnostic(DiagnosticDescriptors.UnusedInput, template.Source.Path, span,
                        $"Input field '{field.Key}' is declared but the template never uses it."));
                }
            }

            return new TemplateBinding(inputType, binder.Types, binder.UsedFields, binder.Diagnostics);
        });
    }

    /// <summary>Binds a parsed document's template with its input schema; PG0204 points into the frontmatter.</summary>
    public static TemplateBinding Bind(Documents.PromptDocument document, Template template, IPartialResolver? partials = null)
    {
        if (document is null) throw new ArgumentNullException(nameof(document));
        return Bind(template, document.Metadata.InputSchema, partials, field => document.Metadata.GetSchemaFieldSpan("input", new[] { field }));
    }

    /// <summary>The static scope of a program: its context, the contexts <c>../</c> reaches and the block parameters in sight.</summary>
    private sealed class Scope
    {
        public Scope(SchemaType context, Scope? parentDepth, IReadOnlyList<(string Name, SchemaType Type)> blockParams, Template template)
        {
            Context = context;
            ParentDepth = parentDepth;
            BlockParams = blockParams;
            Template = template;
        }

        public SchemaType Context { get; }

        /// <summary>The next context up the <c>../</c> chain (null above the root or a partial's context).</summary>
        public Scope? ParentDepth { get; }

        /// <summary>Innermost first.</summary>
        public IReadOnlyList<(string Name, SchemaType Type)> BlockParams { get; }

        public Template Template { get; }

        public Scope Push(SchemaType context, IReadOnlyList<(string Name, SchemaType Type)> newParams) =>
            new(context, this, newParams.Concat(BlockParams).ToList(), Template);

        public Scope WithParams(IReadOnlyList<(string Name, SchemaType Type)> newParams) =>
            newParams.Count == 0 ? this : new Scope(Context, ParentDepth, newParams.Concat(BlockParams).ToList(), Template);
    }

    private sealed class Binder
    {
        private readonly Template _template;
        private readonly SchemaType? _input;
        private readonly SchemaType _root;
        private readonly IPartialResolver? _partials;
        private readonly List<string> _partialChain = new();

        public Binder(Template template, SchemaType? input, IPartialResolver? partials)
        {
            _template = template;
            _input = input;
            _root = input ?? SchemaType.Any;
            _partials = partials;
        }

        public Dictionary<PathExpression, SchemaType> Types { get; } = new();

        public HashSet<string> UsedFields { get; } = new(StringComparer.Ordinal);

        public List<PromptDiagnostic> Diagnostics { get; } = new();

        public bool RootWhollyUsed { get; private set; }

        public void BindRoot() => BindProgram(_template.Body, new Scope(_root, null, Array.Empty<(string, SchemaType)>(), _template));

        private void Report(PromptDiagnosticDescriptor descriptor, Scope scope, SourceSpan span, string message)
        {
            if (_input is null) return;
            var diagnostic = new PromptDiagnostic(descriptor, scope.Template.Source.Path, span, message);
            if (!Diagnostics.Contains(diagnostic)) Diagnostics.Add(diagnostic);
        }

        private void BindProgram(TemplateProgram? program, Scope scope)
        {
            if (program is null) return;
            StackGuard.Check();
            foreach (var statement in program.Statements)
            {
                switch (statement)
                {
                    case MustacheStatement mustache:
                        BindCall(mustache.Path, mustache.Params, mustache.Hash, scope, isBlock: false, isSubExpression: false);
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

        private static bool IsBlockParam(PathExpression path, Scope scope, out SchemaType type)
        {
            type = SchemaType.Any;
            if (path.IsData || path.Depth != 0 || path.IsScoped || path.Parts.Count == 0) return false;
            foreach (var (name, paramType) in scope.BlockParams)
            {
                if (name == path.Parts[0])
                {
                    type = paramType;
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether a call's path names a helper (as Handlebars decides with knownHelpersOnly), and which.</summary>
        private static string? HelperName(Expression pathExpression, bool hasArguments, Scope scope)
        {
            var path = pathExpression as PathExpression;
            if (path is not null && IsBlockParam(path, scope, out _)) return null;
            var isSimple = path is null || path.IsSimple;
            var name = path is null ? pathExpression.Original : path.Head;
            if (hasArguments) return isSimple ? name ?? string.Empty : string.Empty;
            return isSimple && name is not null && KnownHelpers.IsKnown(name) ? name : null;
        }

        private SchemaType BindCall(Expression pathExpression, IReadOnlyList<Expression> parameters, HashExpression? hash, Scope scope, bool isBlock, bool isSubExpression)
        {
            var helper = HelperName(pathExpression, isSubExpression || parameters.Count > 0 || hash is not null, scope);
            if (helper is null)
            {
                // A plain value (a literal in name position is a field name to Handlebars).
                return pathExpression is PathExpression path ? BindPath(path, scope, ValueUse.Printed) : SchemaType.Any;
            }

            var argumentTypes = new List<SchemaType>();
            foreach (var parameter in parameters) argumentTypes.Add(BindExpression(parameter, scope, helper == "json" ? ValueUse.Whole : ValueUse.Argument));
            if (hash is not null)
            {
                foreach (var pair in hash.Pairs) BindExpression(pair.Value, scope, ValueUse.Argument);
            }

            return SchemaType.Any;
        }

        private SchemaType BindExpression(Expression expression, Scope scope, ValueUse use) => expression switch
        {
            PathExpression path => BindPath(path, scope, use),
            SubExpression sub => BindCall(sub.Path, sub.Params, sub.Hash, scope, isBlock: false, isSubExpression: true),
            _ => SchemaType.Any,
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

        private SchemaType BindPath(PathExpression path, Scope scope, ValueUse use)
        {
            SchemaType current;
            int start;
            if (path.IsData)
            {
                if (path.Parts.Count == 0 || path.Parts[0] != "root" || path.Depth != 0)
                {
                    Types[path] = SchemaType.Any;
                    return SchemaType.Any;
                }

                current = _root;
                start = 1;
            }
            else if (IsBlockParam(path, scope, out var blockParamType))
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
                    Types[path] = SchemaType.Any;
                    return SchemaType.Any;
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
                    Types[path] = SchemaType.Any;
                    return SchemaType.Any;
                }

                current = next;
            }

            if (ReferenceEquals(current, _root) && use is ValueUse.Printed or ValueUse.Argument or ValueUse.Whole) RootWhollyUsed = true;
            Types[path] = current;
            return current;
        }

        /// <summary>The type of <c>owner.part</c>, or null (after reporting) when there is no such member.</summary>
        private SchemaType? Member(SchemaType owner, string part, PathExpression path, int index, Scope scope)
        {
            switch (owner.Kind)
            {
                case SchemaTypeKind.Any:
                    return SchemaType.Any;
                case SchemaTypeKind.Object:
                    if (owner.FindProperty(part) is { } property) return property;
                    var names = owner.Properties.Select(p => p.Key).ToList();
                    var shown = string.Join(".", path.Parts.Take(index + 1));
                    var where = index == 0 && ReferenceEquals(owner, _root) ? "the input schema" : $"'{string.Join(".", path.Parts.Take(index).DefaultIfEmpty("this"))}'";
                    Report(DiagnosticDescriptors.UndeclaredVariable, scope, PathSegments.Locate(scope.Template, path, index),
                        $"'{shown}' is not declared: {where} has no field '{part}'.{DidYouMean.Hint(part, names)}" +
                        (names.Count > 0 ? $" Declared: {string.Join(", ", names)}." : string.Empty));
                    return null;
                case SchemaTypeKind.Map:
                    return owner.Element ?? SchemaType.Any;
                case SchemaTypeKind.Array:
                    if (part == "length") return IntegerType;
                    if (JsValues.TryParseIndex(part, out _)) return owner.Element ?? SchemaType.Any;
                    break;
                case SchemaTypeKind.String:
                    if (part == "length") return IntegerType;
                    if (JsValues.TryParseIndex(part, out _)) return owner;
                    break;
            }

            var ownerText = index == 0 ? "this" : string.Join(".", path.Parts.Take(index));
            Report(DiagnosticDescriptors.TypeMisuse, scope, PathSegments.Locate(scope.Template, path, index),
                $"'{ownerText}' is a {owner.Describe()}; it has no field '{part}'.");
            return null;
        }

        private static readonly SchemaType IntegerType = SchemaType.FromSchema(PromptValue.Object(("type", PromptValue.String("integer"))));

        private void BindBlock(BlockStatement block, Scope scope)
        {
            var helper = HelperName(block.Path, block.Params.Count > 0 || block.Hash is not null, scope);
            var blockParams = block.BlockParams;
            var argument = block.Params.Count > 0 ? block.Params[0] : null;
            switch (helper)
            {
                case "each":
                {
                    var type = argument is null ? SchemaType.Any : BindExpression(argument, scope, ValueUse.Context);
                    BindHash(block.Hash, scope);
                    SchemaType item;
                    var keyType = SchemaType.Any;
                    switch (type.Kind)
                    {
                        case SchemaTypeKind.Array:
                            item = type.Element ?? SchemaType.Any;
                            keyType = IntegerType;
                            break;
                        case SchemaTypeKind.Map:
                            item = type.Element ?? SchemaType.Any;
                            break;
                        case SchemaTypeKind.Object:
                            item = SchemaType.Any;
                            MarkWhole(type);
                            break;
                        case SchemaTypeKind.Any:
                            item = SchemaType.Any;
                            break;
                        default:
                            Report(DiagnosticDescriptors.TypeMisuse, scope, argument!.Span,
                                $"'#each' needs a list or an object, but '{argument.Original}' is a {type.Describe()}.");
                            item = SchemaType.Any;
                            break;
                    }

                    BindProgram(block.Program, scope.Push(item, Params(blockParams, item, keyType)));
                    BindProgram(block.Inverse, scope);
                    return;
                }

                case "with":
                {
                    var type = argument is null ? SchemaType.Any : BindExpression(argument, scope, ValueUse.Context);
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
                    var type = block.Path is PathExpression path ? BindPath(path, scope, ValueUse.Context) : SchemaType.Any;
                    var inner = type.Kind switch
                    {
                        SchemaTypeKind.Array => scope.Push(type.Element ?? SchemaType.Any, Params(blockParams, type.Element ?? SchemaType.Any, IntegerType)),
                        SchemaTypeKind.Object or SchemaTypeKind.Map or SchemaTypeKind.Any => scope.Push(type, Array.Empty<(string, SchemaType)>()),
                        _ => scope,
                    };
                    BindProgram(block.Program, inner);
                    BindProgram(block.Inverse, scope);
                    return;
                }

                default:
                    foreach (var parameter in block.Params) BindExpression(parameter, scope, ValueUse.Argument);
                    BindHash(block.Hash, scope);
                    BindProgram(block.Program, scope);
                    BindProgram(block.Inverse, scope);
                    return;
            }
        }

        private void MarkWhole(SchemaType type)
        {
            if (ReferenceEquals(type, _root)) RootWhollyUsed = true;
        }

        private void BindHash(HashExpression? hash, Scope scope)
        {
            if (hash is null) return;
            foreach (var pair in hash.Pairs) BindExpression(pair.Value, scope, ValueUse.Argument);
        }

        private static IReadOnlyList<(string Name, SchemaType Type)> Params(IReadOnlyList<string> names, SchemaType first, SchemaType? second)
        {
            var list = new List<(string, SchemaType)>();
            if (names.Count > 0) list.Add((names[0], first));
            if (names.Count > 1) list.Add((names[1], second ?? SchemaType.Any));
            for (var i = 2; i < names.Count; i++) list.Add((names[i], SchemaType.Any));
            return list;
        }

        private void BindPartial(Expression name, IReadOnlyList<Expression> parameters, HashExpression? hash, TemplateProgram? fallback, Scope scope)
        {
            if (name is SubExpression dynamicName) BindExpression(dynamicName, scope, ValueUse.Argument);
            var context = parameters.Count > 0 ? BindExpression(parameters[0], scope, ValueUse.Context) : scope.Context;
            for (var i = 1; i < parameters.Count; i++) BindExpression(parameters[i], scope, ValueUse.Argument);
            if (hash is not null)
            {
                var properties = new List<KeyValuePair<string, SchemaType>>();
                foreach (var pair in hash.Pairs)
                {
                    properties.Add(new KeyValuePair<string, SchemaType>(pair.Key, BindExpression(pair.Value, scope, ValueUse.Argument)));
                }

                // Hash arguments are added to the context; an object context keeps its fields, anything else is opaque.
                if (context.Kind == SchemaTypeKind.Object)
                {
                    MarkWhole(context);
                    var merged = context.Properties.Where(p => hash.Find(p.Key) is null).Concat(properties).ToList();
                    context = SchemaType.ObjectOf(merged);
                }
                else
                {
                    context = SchemaType.Any;
                }
            }

            if (fallback is not null) BindProgram(fallback, scope.Push(context, Array.Empty<(string, SchemaType)>()));
            var partialName = name is SubExpression ? null : name.Original;
            if (partialName is null || partialName == "@partial-block") return;
            var partial = _partials?.Resolve(partialName);
            if (partial is null || _partialChain.Contains(partialName) || _partialChain.Count >= TemplateParser.MaxNestingDepth) return;
            _partialChain.Add(partialName);
            BindProgram(partial.Template.Body, new Scope(context, null, Array.Empty<(string, SchemaType)>(), partial.Template));
            _partialChain.RemoveAt(_partialChain.Count - 1);
        }
    }
}
