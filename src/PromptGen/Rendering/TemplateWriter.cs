using System;
using System.ComponentModel;
using PromptGen.Language.Rendering;

namespace PromptGen.Rendering;

/// <summary>
/// Accumulates what generated render code writes: text runs and the structural markers of <c>role</c>, <c>history</c>,
/// <c>media</c> and <c>section</c>, kept apart from text so interpolated input can never forge them.
/// Called by generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TemplateWriter
{
    private const int MaxPartialDepth = 512;
    private int _partialDepth;

    internal RenderOutput Output { get; } = new();

    /// <summary>Literal template text, or a typed string value (null prints nothing).</summary>
    public void Text(string? text)
    {
        if (text is not null) Output.Append(text);
    }

    /// <summary>Handlebars' <c>append</c> of a template value: undefined and null print nothing, anything else as JavaScript's String().</summary>
    public void Value(object? value)
    {
        switch (value)
        {
            case null:
                return;
            case Language.Values.PromptValue { IsNull: true }:
                return;
            case RenderOutput rendered:
                Output.Append(rendered);
                return;
            case SafeMarkup markup:
                Output.Append(markup.Content);
                return;
            default:
                Output.Append(JsValues.ToJsString(value));
                return;
        }
    }

    /// <summary>Appends what a standalone partial rendered, indented on every line as Handlebars does.</summary>
    public void Indented(TemplateWriter partial, string indent) => Output.Append(indent.Length > 0 ? partial.Output.Indent(indent) : partial.Output);

    /// <summary>A writer for a partial's output, sharing this writer's recursion guard.</summary>
    public TemplateWriter Nested() => new() { _partialDepth = _partialDepth };

    /// <summary>Counts partial nesting; a partial that includes itself forever fails instead of overflowing the stack.</summary>
    public void EnterPartial(string name)
    {
        if (++_partialDepth > MaxPartialDepth)
        {
            throw new InvalidOperationException($"Partials are nested more than {MaxPartialDepth} levels deep while rendering '{name}' (a partial that includes itself?).");
        }
    }

    public void LeavePartial() => _partialDepth--;
}
