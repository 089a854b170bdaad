namespace PromptGen.Language.Rendering;

/// <summary>The stack of contexts that <c>../</c> walks; a new level only when a block changes the context (as Handlebars does).</summary>
internal sealed record ContextDepths(object? Head, ContextDepths? Tail)
{
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
/// <param name="Context">What <c>this</c> is.</param>
/// <param name="Depths">The contexts <c>../</c> reaches.</param>
/// <param name="BlockParams">The block parameters in sight, innermost first.</param>
/// <param name="Data">The <c>@</c> variables.</param>
/// <param name="Path">The file being rendered (for error locations).</param>
internal sealed record RenderScope(object? Context, ContextDepths Depths, BlockParamFrame? BlockParams, DataFrame Data, string Path);

/// <summary>The body of a <c>{{#> partial}}...{{/partial}}</c>, available inside the partial as <c>@partial-block</c>.</summary>
internal sealed record PartialBlockValue(Templates.TemplateProgram Program, RenderScope Definition, object? Outer);
