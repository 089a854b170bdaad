using PromptGen.Language.Templates;
using PromptGen.Language.Text;
using PromptGen.Language.Values;

namespace PromptGen.Language.Rendering;

/// <summary>A helper invocation: evaluated arguments, the block's programs and where it was called.</summary>
internal sealed class HelperCall(string name, object?[] args, List<KeyValuePair<string, object?>> hash, TemplateProgram? program, TemplateProgram? inverse,
    bool isBlock, SourceSpan span, RenderScope scope)
{
    public string Name { get; } = name;

    public object?[] Args { get; } = args;

    public List<KeyValuePair<string, object?>> Hash { get; } = hash;

    public TemplateProgram? Program { get; } = program;

    public TemplateProgram? Inverse { get; } = inverse;

    public bool IsBlock { get; } = isBlock;

    public SourceSpan Span { get; } = span;

    public RenderScope Scope { get; } = scope;

    public object? HashValue(string key)
    {
        object? value = null;
        foreach (var pair in Hash)
        {
            if (pair.Key == key) value = pair.Value;
        }

        return value;
    }
}

internal sealed partial class RenderEngine
{
    private object? InvokeHelper(HelperCall call)
    {
        if (KnownHelpers.ArgumentCountError(call.Name, call.Args.Length) is { } countError) throw Fail(call.Scope, call.Span, countError);
        switch (call.Name)
        {
            case "if":
                return If(call, call.Args[0], negate: false);
            case "unless":
                return If(call, call.Args[0], negate: true);
            case "each":
                RequireBlock(call);
                return EachHelper(call);
            case "with":
                RequireBlock(call);
                return With(call);
            case "lookup":
                return Lookup(call);
            case "log":
            case "helperMissing":
                return null;
            case "blockHelperMissing":
                return call.Args.Length == 0 ? null : BlockHelperMissing(call.Args[0], call.Program, call.Inverse, call.Scope);
            case "json":
                RequireArgs(call, 1, "json takes exactly one value: {{json value}} (optionally indent=2)");
                return Json(call);
            case "role":
                return Role(call);
            case "history":
                return DotpromptHelpers.History();
            case "section":
                return DotpromptHelpers.Section(call.Args.Length > 0 ? call.Args[0] : PromptValue.EmptyObject());
            case "media":
                if (call.Args.Length > 0) throw Fail(call.Scope, call.Span, "media takes only key=value arguments: {{media url=... contentType=...}}");
                return Media(call);
            case "ifEquals":
                RequireBlock(call);
                return JsValues.StrictEquals(call.Args[0], call.Args[1]) ? Fn(call, call.Scope.Context) : InverseOf(call, call.Scope.Context);
            case "unlessEquals":
                RequireBlock(call);
                return !JsValues.StrictEquals(call.Args[0], call.Args[1]) ? Fn(call, call.Scope.Context) : InverseOf(call, call.Scope.Context);
            default:
                throw Fail(call.Scope, call.Span, $"Unknown helper '{call.Name}'.");
        }
    }

    private void RequireArgs(HelperCall call, int count, string message)
    {
        if (call.Args.Length != count) throw Fail(call.Scope, call.Span, message);
    }

    private void RequireBlock(HelperCall call)
    {
        if (!call.IsBlock)
        {
            throw Fail(call.Scope, call.Span, $"'{call.Name}' must be used as a block: {{{{#{call.Name} ...}}}}...{{{{/{call.Name}}}}}");
        }
    }

    private RenderOutput Fn(HelperCall call, object? context, DataFrame? data = null, object?[]? blockParams = null) =>
        InvokeProgram(call.Program, context, data, blockParams, call.Scope);

    private RenderOutput InverseOf(HelperCall call, object? context) => InvokeProgram(call.Inverse, context, null, null, call.Scope);

    private object? If(HelperCall call, object? condition, bool negate)
    {
        RequireBlock(call);
        var includeZero = JsValues.IsTruthy(call.HashValue("includeZero"));
        var falsy = (!includeZero && !JsValues.IsTruthy(condition)) || JsValues.IsEmpty(condition);
        return falsy != negate ? InverseOf(call, call.Scope.Context) : Fn(call, call.Scope.Context);
    }

    private object? With(HelperCall call)
    {
        var context = call.Args[0];
        if (JsValues.IsEmpty(context)) return InverseOf(call, call.Scope.Context);
        return Fn(call, context, null, new[] { context });
    }

    private object? Lookup(HelperCall call)
    {
        var target = call.Args.Length > 0 ? call.Args[0] : null;
        if (!JsValues.IsTruthy(target)) return target;
        if (call.Args.Length < 2) throw Fail(call.Scope, call.Span, "lookup takes two values: {{lookup object key}}");
        return JsValues.LookupProperty(target, JsValues.ToJsString(call.Args[1]));
    }

    private object? EachHelper(HelperCall call) => Each(call.Args[0], call.Program, call.Inverse, call.Scope);

    private RenderOutput Each(object? context, TemplateProgram? program, TemplateProgram? inverse, RenderScope scope)
    {
        var output = new RenderOutput();
        void Iteration(PromptValue key, int index, bool last, object? value) =>
            output.Append(InvokeProgram(program, value, DataFrame.ForEachRun(scope.Data, key, index, last), new[] { value, key }, scope));

        int count;
        if (context is PromptValue { Kind: PromptValueKind.Array } array)
        {
            count = array.Items.Count;
            for (var i = 0; i < count; i++) Iteration(PromptValue.Number(i), i, i == count - 1, array.Items[i]);
        }
        else
        {
            var entries = JsValues.EachEntries(context);
            count = entries.Count;
            for (var i = 0; i < count; i++) Iteration(PromptValue.String(entries[i].Key), i, i == count - 1, entries[i].Value);
        }

        return count == 0 ? InvokeProgram(inverse, scope.Context, null, null, scope) : output;
    }

    private object? Json(HelperCall call) => DotpromptHelpers.Json(call.Args[0], call.HashValue("indent"));

    private object? Role(HelperCall call) => DotpromptHelpers.Role(call.Args.Length > 0 ? call.Args[0] : PromptValue.EmptyObject());

    private object? Media(HelperCall call) => DotpromptHelpers.Media(call.HashValue("url"), call.HashValue("contentType"));
}
