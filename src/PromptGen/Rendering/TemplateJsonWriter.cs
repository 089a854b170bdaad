using System.ComponentModel;
using System.Text.Json;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;

namespace PromptGen.Rendering;

/// <summary>
/// Writes a typed value as the <c>json</c> helper prints it (JavaScript's <c>JSON.stringify(value, null, indent)</c>)
/// straight from generated code: no JSON written, read back into template values and written again. Keys come in the
/// order the generated code gives them, which is JavaScript's order for the records it calls this for. One writer per
/// thread is reused. Called by generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TemplateJsonWriter
{
    [ThreadStatic]
    private static TemplateJsonWriter? s_idle;

    private const int MaxKeptCapacity = 16 * 1024;

    // The writer's own buffer, and where this call writes: that buffer, or the output's current text run when the
    // caller passed the output (then the JSON is written where it ends up, with no copy; it starts at _start).
    private readonly StringBuilder _own = new(256);
    private StringBuilder _text;
    private int _start;
    private string _gap = string.Empty;

    // Per open container: whether it has an item yet (decides the comma and the closing line break).
    private bool[] _hasItems = new bool[8];
    private int _depth;
    private bool _afterName;

    private TemplateJsonWriter() => _text = _own;

    /// <summary>A writer for one <c>json</c> call, with the gap JSON.stringify uses for <paramref name="indent"/>.</summary>
    public static TemplateJsonWriter Start(object? indent) => Begin(JsValues.JsonGap(indent));

    /// <summary>A writer for one <c>json</c> call with a number literal for <c>indent</c> (no template value made for it).</summary>
    public static TemplateJsonWriter Start(double indent) => Begin(JsValues.JsonGap(indent));

    /// <summary>A writer for one <c>json</c> call that writes straight into <paramref name="output"/>; finish it with <see cref="WriteTo"/> on the same output.</summary>
    public static TemplateJsonWriter Start(TemplateWriter output, object? indent) => Begin(JsValues.JsonGap(indent), output);

    /// <summary>As <see cref="Start(TemplateWriter, object)"/>, with a number literal for <c>indent</c>.</summary>
    public static TemplateJsonWriter Start(TemplateWriter output, double indent) => Begin(JsValues.JsonGap(indent), output);

    private static TemplateJsonWriter Begin(string gap, TemplateWriter? output = null)
    {
        // Taken, not shared, while in use.
        var writer = s_idle ?? new TemplateJsonWriter();
        s_idle = null;
        writer._text = output?.Output.TextRun() ?? writer._own.Clear();
        writer._start = writer._text.Length;
        writer._depth = 0;
        writer._afterName = false;
        writer._gap = gap;
        return writer;
    }

    /// <summary>Appends what was written to <paramref name="output"/> and keeps this writer for the next call on this thread.</summary>
    public void WriteTo(TemplateWriter output)
    {
        JsValues.CheckJsonLength(_text.Length - _start);
        if (ReferenceEquals(_text, _own)) output.Output.Append(_own);

        // The output's run is not this writer's to keep.
        _text = _own;
        if (_own.Capacity > MaxKeptCapacity) return;
        s_idle = this;
    }

    public void StartObject()
    {
        BeforeValue();
        _text.Append('{');
        Open();
    }

    public void EndObject() => Close('}');

    public void StartArray()
    {
        BeforeValue();
        _text.Append('[');
        Open();
    }

    public void EndArray() => Close(']');

    /// <summary>A property name; the property's value follows.</summary>
    public void Name(string name)
    {
        NextItem();
        PromptJson.WriteString(_text, name);
        _text.Append(_gap.Length > 0 ? ": " : ":");
        _afterName = true;
    }

    /// <summary>A string; null (a required property the caller left null) as <c>null</c>, as the JSON writer writes it.</summary>
    public void String(string? value)
    {
        BeforeValue();
        if (value is null) _text.Append("null");
        else PromptJson.WriteString(_text, value);
    }

    /// <summary>An integer, as JavaScript prints the number it becomes.</summary>
    public void Integer(long value)
    {
        BeforeValue();
        JsNumber.Append(_text, value);
    }

    /// <summary>A number; NaN and the infinities are <c>null</c>, as JSON.stringify writes them.</summary>
    public void Number(double value)
    {
        BeforeValue();
        if (double.IsNaN(value) || double.IsInfinity(value)) _text.Append("null");
        else JsNumber.Append(_text, value);
    }

    public void Boolean(bool value)
    {
        BeforeValue();
        _text.Append(value ? "true" : "false");
    }

    public void Null()
    {
        BeforeValue();
        _text.Append("null");
    }

    /// <summary>An untyped JSON value of the input, as a template value holds it.</summary>
    public void Element(JsonElement value)
    {
        if (TemplateRuntime.ConvertJson(value) is not PromptValue converted)
        {
            // An undefined element: JSON.stringify leaves out such a property and writes null in an array.
            Null();
            return;
        }

        BeforeValue();
        JsValues.WriteJsonValue(_text, converted, _gap, Indent(_depth));
    }

    private void Open()
    {
        if (_depth == _hasItems.Length) Array.Resize(ref _hasItems, _depth * 2);
        _hasItems[_depth++] = false;
    }

    private void Close(char bracket)
    {
        var hadItems = _hasItems[--_depth];
        if (hadItems) NewLine(_depth);
        _text.Append(bracket);
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        // An array item (or the top-level value, when nothing is open).
        if (_depth > 0) NextItem();
    }

    private void NextItem()
    {
        if (_hasItems[_depth - 1]) _text.Append(',');
        _hasItems[_depth - 1] = true;
        NewLine(_depth);
    }

    private void NewLine(int depth)
    {
        if (_gap.Length == 0) return;
        _text.Append('\n');
        for (var i = 0; i < depth; i++) _text.Append(_gap);
    }

    private string Indent(int depth)
    {
        if (_gap.Length == 0 || depth == 0) return string.Empty;
        var builder = new StringBuilder(_gap.Length * depth);
        for (var i = 0; i < depth; i++) builder.Append(_gap);
        return builder.ToString();
    }
}
