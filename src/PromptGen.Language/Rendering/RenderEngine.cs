using System.Text.RegularExpressions;
using PromptGen.Language.Templates;
using PromptGen.Language.Text;
using PromptGen.Language.Values;

namespace PromptGen.Language.Rendering;

/// <summary>
/// Evaluates a template the way Handlebars 4.7 runs it when Dotprompt compiles it
/// (<c>knownHelpersOnly</c>, <c>noEscape</c>), with Dotprompt's helpers.
/// </summary>
internal sealed partial class RenderEngine
{
    private readonly RenderSettings _settings;
    private int _depth;

    public RenderEngine(RenderSettings settings) => _settings = settings;

    public RenderOutput RenderRoot(Template template, RenderData data)
    {
        // Dotprompt: the input is the root context; context keys become @data next to @metadata.
        var context = data.Input is { Kind: PromptValueKind.Object } input ? input : PromptValue.EmptyObject();
        var baseData = new DataFrame(null);
        {
            // @metadata as Dotprompt sets it; undefined members stay absent.
            var metadata = new List<KeyValuePair<string, PromptValue>> { new("prompt", data.PromptMetadata ?? PromptValue.EmptyObject()) };
            if (data.Docs is not null) metadata.Add(new KeyValuePair<string, PromptValue>("docs", data.Docs));
            if (data.Messages is not null) metadata.Add(new KeyValuePair<string, PromptValue>("messages", PromptValue.Array(data.Messages.Select(m => m.ToValue()))));
            baseData.Set("metadata", PromptValue.Object(metadata));
        }

        if (data.Context is { Kind: PromptValueKind.Object } contextData)
        {
            foreach (var property in contextData.Properties) baseData.Set(property.Key, property.Value);
        }

        var rootData = baseData;
        if (!baseData.Has("root"))
        {
            rootData = new DataFrame(baseData);
            rootData.Set("root", context);
        }

        var scope = new RenderScope(context, new ContextDepths(context, null), null, rootData, template.Source.Path);
        var output = new RenderOutput();
        RenderStatements(template.Body, scope, output);
        return output;
    }

    private TemplateRenderException Fail(RenderScope scope, SourceSpan span, string message) => new(message, scope.Path, span);

    /// <summary>Handlebars' program wrapper: pushes the context for <c>../</c> when it changed, and a block-parameter level.</summary>
    private RenderOutput InvokeProgram(TemplateProgram? program, object? context, DataFrame? data, object?[]? blockParams, RenderScope closure)
    {
        var output = new RenderOutput();
        if (program is null) return output;
        if (_depth >= TemplateRenderer.MaxRenderDepth)
        {
            throw Fail(closure, program.Span, $"Blocks and partials are nested more than {TemplateRenderer.MaxRenderDepth} levels deep while rendering (runaway recursion?).");
        }

        StackGuard.Check();
        _depth++;
        try
        {
            var depths = JsValues.LooseEquals(context, closure.Depths.Head) ? closure.Depths : new ContextDepths(context, closure.Depths);
            var frame = new BlockParamFrame(program.BlockParams, blockParams, closure.BlockParams);
            var scope = new RenderScope(context, depths, frame, data ?? closure.Data, closure.Path);
            RenderStatements(program, scope, output);
            return output;
        }
        finally
        {
            _depth--;
        }
    }

    private void RenderStatements(TemplateProgram program, RenderScope scope, RenderOutput output)
    {
        foreach (var statement in program.Statements)
        {
            try
            {
                RenderStatement(statement, scope, output);
            }
            catch (RenderLimitException exception)
            {
                // Located at the statement that crossed the limit, like every other render error.
                throw Fail(scope, statement.Span, exception.Message);
            }
        }
    }

    private void RenderStatement(Statement statement, RenderScope scope, RenderOutput output)
    {
        switch (statement)
        {
            case ContentStatement content:
                output.Append(content.Value);
                break;
            case MustacheStatement mustache:
                output.AppendValue(EvaluateCall(mustache.Call, mustache.Path, mustache.Params, mustache.Hash, null, null, isBlock: false, mustache.Span, scope));
                break;
            case BlockStatement block:
                output.AppendValue(EvaluateBlock(block, scope));
                break;
            case PartialStatement partial:
                output.Append(RenderPartial(partial.Name, partial.Params, partial.Hash, partial.Indent, null, partial.Span, scope));
                break;
            case PartialBlockStatement partialBlock:
                output.Append(RenderPartial(partialBlock.Name, partialBlock.Params, partialBlock.Hash, string.Empty, partialBlock.Program, partialBlock.Span, scope));
                break;
        }
    }

    private object? EvaluateBlock(BlockStatement block, RenderScope scope)
    {
        if (block.IsRaw)
        {
            // A raw block's body is literal text handed to the block as its program.
            return EvaluateCall(block.Call, block.Path, block.Params, block.Hash, block.Program, null, isBlock: true, block.Span, scope);
        }

        return EvaluateCall(block.Call, block.Path, block.Params, block.Hash, block.Program, block.Inverse, isBlock: true, block.Span, scope);
    }

    /// <summary>A helper call or a plain value, as the parser resolved the call site (<see cref="CallTarget"/>).</summary>
    private object? EvaluateCall(CallTarget target, Expression pathExpression, IReadOnlyList<Expression> parameters, HashExpression? hash,
        TemplateProgram? program, TemplateProgram? inverse, bool isBlock, SourceSpan span, RenderScope scope)
    {
        var path = pathExpression as PathExpression;
        if (target.Kind == CallKind.UnknownHelper) throw Fail(scope, span, $"Unknown helper '{path?.Head ?? pathExpression.Original}'.");
        if (target.Kind == CallKind.Helper)
        {
            var name = target.Helper!;
            var args = parameters.Select(p => Evaluate(p, scope)).ToArray();
            var hashValues = new List<KeyValuePair<string, object?>>();
            if (hash is not null)
            {
                foreach (var pair in hash.Pairs) hashValues.Add(new KeyValuePair<string, object?>(pair.Key, Evaluate(pair.Value, scope)));
            }

            var call = new HelperCall(name, args, hashValues, isBlock ? program : null, isBlock ? inverse : null, isBlock, span, scope);
            return InvokeHelper(call);
        }

        // A plain value: a literal in name position is looked up as a property name (Handlebars' transformLiteralToPath).
        var value = path is null ? LookupOnContext(scope.Context, new[] { pathExpression.Original }) : ResolvePath(path, scope);
        if (!isBlock) return value;
        return BlockHelperMissing(value, program, inverse, scope);
    }

    private object? BlockHelperMissing(object? context, TemplateProgram? program, TemplateProgram? inverse, RenderScope scope) =>
        JsValues.BlockHelperMissing(context) switch
        {
            MissingBlockAction.RenderBody => InvokeProgram(program, scope.Context, null, null, scope),
            MissingBlockAction.RenderInverse => InvokeProgram(inverse, scope.Context, null, null, scope),
            MissingBlockAction.Iterate => Each(context, program, inverse, scope),
            _ => InvokeProgram(program, context, null, null, scope),
        };

    private object? Evaluate(Expression expression, RenderScope scope)
    {
        switch (expression)
        {
            case PathExpression path:
                return ResolvePath(path, scope);
            case StringLiteral s:
                return PromptValue.String(s.Value);
            case NumberLiteral n:
                return PromptValue.Number(n.Value);
            case BooleanLiteral b:
                return PromptValue.Boolean(b.Value);
            case NullLiteral:
                return PromptValue.Null;
            case UndefinedLiteral:
                return null;
            case SubExpression sub:
                return EvaluateCall(sub.Call, sub.Path, sub.Params, sub.Hash, null, null, isBlock: false, sub.Span, scope);
            default:
                return null;
        }
    }

    private static object? ResolvePath(PathExpression path, RenderScope scope)
    {
        if (path.IsData)
        {
            object? data = scope.Data;
            for (var i = 0; i < path.Depth && data is DataFrame frame; i++) data = frame.Parent;

            // Data lookups stop at the first falsy value (`a && a.b`).
            foreach (var part in path.Parts)
            {
                if (!JsValues.IsTruthy(data)) return data;
                data = JsValues.LookupProperty(data, part);
            }

            return data;
        }

        if (path.HeadIsBlockParameter && scope.BlockParams is not null && scope.BlockParams.TryFind(path.Parts[0], out var blockParam))
        {
            return LookupOnContext(blockParam, path.Parts, 1);
        }

        var context = path.Depth == 0 ? scope.Context : scope.Depths[path.Depth];
        return LookupOnContext(context, path.Parts);
    }

    private static object? LookupOnContext(object? current, IReadOnlyList<string> parts, int start = 0)
    {
        for (var i = start; i < parts.Count; i++)
        {
            if (JsValues.IsNullOrUndefined(current)) return current;
            current = JsValues.LookupProperty(current, parts[i]);
        }

        return current;
    }

    private RenderOutput RenderPartial(Expression nameExpression, IReadOnlyList<Expression> parameters, HashExpression? hash, string indent,
        TemplateProgram? partialBlock, SourceSpan span, RenderScope scope)
    {
        var name = nameExpression is SubExpression dynamic ? JsValues.ToJsString(Evaluate(dynamic, scope)) : nameExpression.Original;
        var context = parameters.Count == 0 ? scope.Context : Evaluate(parameters[0], scope);
        if (hash is not null)
        {
            context = ExtendWithHash(context, hash, scope);
        }

        var data = scope.Data;
        var currentPartialBlock = data.Get("partial-block");
        if (partialBlock is not null)
        {
            data = new DataFrame(data);
            data.Set("partial-block", new PartialBlockValue(partialBlock, scope, currentPartialBlock));
        }

        RenderOutput result;
        if (name == "@partial-block")
        {
            if (data.Get("partial-block") is not PartialBlockValue block)
            {
                throw Fail(scope, span, "'{{> @partial-block}}' is only available inside a partial called as a block '{{#> name}}...{{/name}}'.");
            }

            var blockData = new DataFrame(data);
            blockData.Set("partial-block", block.Outer);
            result = InvokeProgram(block.Program, context, blockData, null, block.Definition);
        }
        else
        {
            var partial = _settings.Partials?.Resolve(name);
            if (partial is null)
            {
                if (partialBlock is null) throw Fail(scope, span, $"The partial '{name}' could not be found.");
                result = InvokeProgram(partialBlock, context, data, null, scope);
            }
            else
            {
                if (_depth >= TemplateRenderer.MaxRenderDepth)
                {
                    throw Fail(scope, span, $"Partials are nested more than {TemplateRenderer.MaxRenderDepth} levels deep while rendering '{name}' (a partial that includes itself?).");
                }

                StackGuard.Check();
                _depth++;
                try
                {
                    // A partial starts a new template: its own ../ stack and block parameters, the caller's @data.
                    var partialScope = new RenderScope(context, new ContextDepths(context, null), null, data, partial.Path);
                    result = new RenderOutput();
                    RenderStatements(partial.Template.Body, partialScope, result);
                }
                finally
                {
                    _depth--;
                }
            }
        }

        return indent.Length > 0 ? result.Indent(indent) : result;
    }

    /// <summary>Handlebars' <c>extend({}, context, hash)</c> for partial hash arguments.</summary>
    private object? ExtendWithHash(object? context, HashExpression hash, RenderScope scope)
    {
        var values = new List<KeyValuePair<string, object?>>();
        foreach (var pair in hash.Pairs) values.Add(new KeyValuePair<string, object?>(pair.Key, Evaluate(pair.Value, scope)));
        return DotpromptHelpers.ExtendWithHash(context, values);
    }
}
