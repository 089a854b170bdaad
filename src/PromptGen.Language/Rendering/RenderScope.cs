namespace PromptGen.Language.Rendering;

/// <summary>The stack of contexts that <c>../</c> walks; a new level only when a block changes the context (as Handlebars does).</summary>
internal sealed class ContextDepths
{
    public ContextDepths(object? head, ContextDepths? tail)
    {
        Head = head;
        Tail = tail;
    }

    public object? Head { get; }

    public ContextDepths? Tail { get; }

    public object? this[int depth]
    {
        get
        {
            var node = this;
            for (var i = 0; i < depth && node is not null; i++) node = node.Tail;
            return node?.Head;
        }
    }
}

/// <summary>Block parameters declared by one program (<c>as |a b|</c>), with the values of this invocation.</summary>
internal sealed record BlockParamFrame(IReadOnlyList<string> Names, object?[]? Values, BlockParamFrame? Next)
{
    public bool TryFind(string name, out object? value)
    {
        for (var frame = this; frame is not null; frame = frame.Next)
        {
            for (var i = 0; i < frame.Names.Count; i++)
            {
                if (frame.Names[i] == name)
                {
                    value = frame.Values is not null && i < frame.Values.Length ? frame.Values[i] : null;
                    return true;
                }
            }
        }

        value = null;
        return false;
    }
}

/// <summary>Everything a statement sees: <c>this</c>, the <c>../</c> stack, block parameters and <c>@</c> data.</summary>
internal sealed class RenderScope
{
    public RenderScope(object? context, ContextDepths depths, BlockParamFrame? blockParams, DataFrame data, string path)
    {
        Context = context;
        Depths = depths;
        BlockParams = blockParams;
        Data = data;
        Path = path;
    }

    public object? Context { get; }

    public ContextDepths Depths { get; }

    public BlockParamFrame? BlockParams { get; }

    public DataFrame Data { get; }

    /// <summary>The file being rendered (for error locations).</summary>
    public string Path { get; }
}

/// <summary>The body of a <c>{{#> partial}}...{{/partial}}</c>, available inside the partial as <c>@partial-block</c>.</summary>
internal sealed record PartialBlockValue(Templates.TemplateProgram Program, RenderScope Definition, object? Outer);
