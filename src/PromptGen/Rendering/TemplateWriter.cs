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

    // A finished top-level writer, emptied, for the next render on this thread (see Root and Release).
    [ThreadStatic]
    private static TemplateWriter? s_idle;

    public TemplateWriter()
        : this(pooled: true)
    {
    }

    /// <summary>A writer for a whole render: the thread's idle one when there is one, else a new one.</summary>
    public static TemplateWriter Root()
    {
        var writer = s_idle;
        if (writer is null) return new TemplateWriter();
        s_idle = null;
        return writer;
    }

    /// <summary>Called once the render's messages are built: empties this writer and keeps it for the next render.</summary>
    internal void Release()
    {
        Output.Recycle();
        _partialDepth = 0;
        s_idle = this;
    }

    private TemplateWriter(bool pooled) => Output = new RenderOutput(pooled);

    internal RenderOutput Output { get; }

    /// <summary>Literal template text, or a typed string value (null prints nothing).</summary>
    public void Text(string? text) => Output.Append(text);

    /// <summary>A typed integer as JavaScript prints it, without a string for it.</summary>
    public void Integer(long value) => Output.AppendInteger(value);

    /// <summary>A typed optional integer; a missing one prints nothing.</summary>
    public void Integer(long? value)
    {
        if (value is { } v) Output.AppendInteger(v);
    }

    /// <summary>A typed number as JavaScript's <c>Number.prototype.toString</c>, without a string for it.</summary>
    public void Number(double value) => Output.AppendNumber(value);

    /// <summary>A typed optional number; a missing one prints nothing.</summary>
    public void Number(double? value)
    {
        if (value is { } v) Output.AppendNumber(v);
    }

    /// <summary>Handlebars' <c>append</c> of a template value: undefined and null print nothing, anything else as JavaScript's String().</summary>
    public void Value(object? value)
    {
        if (value is System.Text.Json.JsonElement or JsonObjectView)
        {
            // Input JSON read in place: a string or number is written from the element, anything else converted first.
            if (JsonInputValues.TryWriteScalar(value, Output))
            {
                return;
            }

            value = JsonInputValues.Materialize(value);
        }

        Output.AppendValue(value);
    }

    /// <summary>
    /// <c>Value(TemplateRuntime.Path(context, name))</c>: a string or number of an input object is written from the
    /// document, without boxing its element.
    /// </summary>
    public void Value(object? context, string name)
    {
        if (context is not JsonObjectView view)
        {
            Value(TemplateRuntime.Path(context, name));
            return;
        }

        // A missing property is undefined, which prints nothing.
        if (view.TryGet(name, out var element) && !JsonInputValues.TryWriteScalar(element, Output)) Value(JsonInputValues.Wrap(element));
    }

    /// <summary><c>Value(TemplateRuntime.Path(context, first, second))</c>, as <see cref="Value(object?, string)"/>.</summary>
    public void Value(object? context, string first, string second) => Value(TemplateRuntime.Path(context, first), second);

    /// <summary>
    /// <c>Value(TemplateRuntime.Json(value, indent))</c>: a value of the input is written from the document straight
    /// into the output, without a string or a SafeString for its text.
    /// </summary>
    public void Json(object? value, object? indent)
    {
        indent = JsonInputValues.Materialize(indent);
        if (!JsonInputStringify.TryWrite(Output, value, JsValues.JsonGap(indent)))
        {
            Output.AppendValue(DotpromptHelpers.Json(JsonInputValues.Materialize(value), indent));
        }
    }

    private static readonly DotpromptMarker s_system = new(MarkerKind.Role, "role:system");
    private static readonly DotpromptMarker s_user = new(MarkerKind.Role, "role:user");
    private static readonly DotpromptMarker s_model = new(MarkerKind.Role, "role:model");

    /// <summary>
    /// The <c>role</c> helper written directly (what <c>Value(Role(name))</c> writes, without the intermediate
    /// SafeString): names the reference recognises (<c>[a-z]+</c>) start a message, others stay text.
    /// </summary>
    public void Role(object? name)
    {
        var text = name is string s ? s : TemplateRuntime.ToJsString(name);
        switch (text)
        {
            case "system":
                Output.Append(s_system);
                return;
            case "user":
                Output.Append(s_user);
                return;
            case "model":
                Output.Append(s_model);
                return;
        }

        var marker = new DotpromptMarker(MarkerKind.Role, "role:" + text);
        if (DotpromptHelpers.IsRoleName(text)) Output.Append(marker);
        else Output.Append(marker.ReferenceText);
    }

    /// <summary>
    /// Appends what a standalone partial rendered, indented on every line as Handlebars does. The partial's writer
    /// (from <see cref="Nested"/>) is done then: it is emptied and kept for the next partial on this thread.
    /// </summary>
    public void Indented(TemplateWriter partial, string indent)
    {
        Output.Append(indent.Length > 0 ? partial.Output.Indent(indent) : partial.Output);
        if (!ReferenceEquals(partial, this)) partial.ReleaseNested();
    }

    // Finished partial writers, emptied, for the next partials on this thread (see Nested and Indented).
    [ThreadStatic]
    private static TemplateWriter?[]? s_idleNested;
    private const int IdleNestedWriters = 8;

    /// <summary>A writer for a partial's output, sharing this writer's recursion guard.</summary>
    public TemplateWriter Nested()
    {
        if (s_idleNested is { } idle)
        {
            for (var i = 0; i < idle.Length; i++)
            {
                if (idle[i] is { } writer)
                {
                    idle[i] = null;
                    writer._partialDepth = _partialDepth;
                    return writer;
                }
            }
        }

        return new TemplateWriter(pooled: true) { _partialDepth = _partialDepth };
    }

    private void ReleaseNested()
    {
        Output.Recycle();
        _partialDepth = 0;
        var idle = s_idleNested ??= new TemplateWriter?[IdleNestedWriters];
        for (var i = 0; i < idle.Length; i++)
        {
            if (ReferenceEquals(idle[i], this)) return;
        }

        for (var i = 0; i < idle.Length; i++)
        {
            if (idle[i] is null)
            {
                idle[i] = this;
                return;
            }
        }
    }

    /// <summary>Counts partial nesting; a partial that includes itself forever fails instead of overflowing the stack.</summary>
    public void EnterPartial(string name)
    {
        if (++_partialDepth > MaxPartialDepth)
        {
            throw new InvalidOperationException($"Partials are nested more than {MaxPartialDepth} levels deep while rendering '{name}' (a partial that includes itself?).");
        }
    }

    /// <summary>
    /// Ends a partial. A partial included without an indent writes into its caller's writer, so this is where output
    /// that doubles with every level of partials is stopped (an indented one is checked when it is appended).
    /// </summary>
    public void LeavePartial()
    {
        _partialDepth--;
        RenderLimitException.Check(Output.Length, "the text rendered through partials and helpers");
    }
}
