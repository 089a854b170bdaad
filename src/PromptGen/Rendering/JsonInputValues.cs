using System.Runtime.InteropServices;
using System.Text.Json;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;

namespace PromptGen.Rendering;

/// <summary>
/// Untyped JSON input read where it lies. Generated dynamic render code gets the caller's <see cref="JsonElement"/> as
/// a template value without converting the document first: objects, arrays and strings stay boxed elements and are read
/// when the template reads them (a lookup, a test, an <c>#each</c>, a string written straight from its UTF-8); numbers,
/// booleans and null become the shared template values. Everything else (helpers, JavaScript conversions, equality of
/// primitives) gets the value converted by <see cref="Materialize"/>, so one set of rules decides the output.
/// </summary>
internal static class JsonInputValues
{
    /// <summary>A value of the input as a template value: a boxed element for objects, arrays and strings.</summary>
    public static object? Wrap(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            case JsonValueKind.Array:
            case JsonValueKind.String:
                return element;
            case JsonValueKind.Number:
                return element.TryGetDouble(out var number) && !double.IsInfinity(number) ? PromptValue.Number(number) : Convert(element);
            case JsonValueKind.True:
                return PromptValue.True;
            case JsonValueKind.False:
                return PromptValue.False;
            case JsonValueKind.Null:
                return PromptValue.Null;
            default:
                return null;
        }
    }

    /// <summary>The value as the template values the rest of the runtime reads (a boxed element converted, anything else as it is).</summary>
    public static object? Materialize(object? value) => value is JsonElement element ? Convert(element) : value;

    private static object? Convert(JsonElement element) => TemplateRuntime.ConvertJson(element);

    /// <summary>Handlebars' <c>lookupProperty</c> over template values, boxed elements included.</summary>
    public static object? Lookup(object? parent, string name)
    {
        if (parent is not JsonElement element) return JsValues.LookupProperty(parent, name);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // The last of repeated keys, as JavaScript keeps it (the element searches from the end).
                return element.TryGetProperty(name, out var property) ? Wrap(property) : null;
            case JsonValueKind.Array:
                if (name == "length") return PromptValue.Number(element.GetArrayLength());
                return JsValues.TryParseIndex(name, out var index) && index < element.GetArrayLength() ? Wrap(element[index]) : null;
            default:
                return JsValues.LookupProperty(Convert(element), name);
        }
    }

    /// <summary>JavaScript truthiness over template values, boxed elements included (objects and arrays are truthy).</summary>
    public static bool IsTruthy(object? value) =>
        value is JsonElement element ? element.ValueKind != JsonValueKind.String || !IsEmptyString(element) : JsValues.IsTruthy(value);

    /// <summary>Handlebars' <c>isEmpty</c> over template values, boxed elements included.</summary>
    public static bool IsEmpty(object? value)
    {
        if (value is not JsonElement element) return JsValues.IsEmpty(value);
        return element.ValueKind switch
        {
            JsonValueKind.Array => element.GetArrayLength() == 0,
            JsonValueKind.String => IsEmptyString(element),
            _ => false,
        };
    }

    public static bool IsNullOrUndefined(object? value) => value is not JsonElement && JsValues.IsNullOrUndefined(value);

    private static bool IsEmptyString(JsonElement element) => JsonMarshal.GetRawUtf8Value(element).Length <= 2;

    /// <summary>JavaScript's <c>===</c>: objects and arrays of the input are the same when they are the same element.</summary>
    public static bool StrictEquals(object? a, object? b)
    {
        if (a is JsonElement x && b is JsonElement y && x.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            return SameElement(x, y);
        }

        return JsValues.StrictEquals(Materialize(a), Materialize(b));
    }

    /// <summary>JavaScript's <c>==</c>, as <see cref="StrictEquals"/> for the input's objects and arrays.</summary>
    public static bool LooseEquals(object? a, object? b)
    {
        if (a is JsonElement x && b is JsonElement y && x.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            return SameElement(x, y);
        }

        if (a is JsonElement { ValueKind: JsonValueKind.Object or JsonValueKind.Array } || b is JsonElement { ValueKind: JsonValueKind.Object or JsonValueKind.Array })
        {
            // An object of the input is only ever equal to itself (another value is never the same object).
            return false;
        }

        return JsValues.LooseEquals(Materialize(a), Materialize(b));
    }

    // The same node of the same document: JsonElement compares its document and position field by field.
    private static bool SameElement(JsonElement x, JsonElement y) => x.Equals(y);

    /// <summary>Writes a string of the input straight from its UTF-8 (no string made for it); false when it is not a string.</summary>
    public static bool TryWriteString(object? value, RenderOutput output)
    {
        if (value is not JsonElement { ValueKind: JsonValueKind.String } element) return false;
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw.Length >= 2 && raw[0] == (byte)'"') raw = raw.Slice(1, raw.Length - 2);
        if (raw.Length == 0) return true;
#if NET
        if (raw.IndexOf((byte)'\\') < 0 && raw.Length <= MaxStackChars)
        {
            // Unescaped UTF-8 never has more UTF-16 units than bytes.
            Span<char> chars = stackalloc char[raw.Length];
            var count = Encoding.UTF8.GetChars(raw, chars);
            output.TextRun().Append(chars.Slice(0, count));
            return true;
        }
#endif
        output.Append(element.GetString());
        return true;
    }

    private const int MaxStackChars = 512;
}
