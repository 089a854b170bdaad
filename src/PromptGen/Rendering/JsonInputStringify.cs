using System.Runtime.InteropServices;
using System.Text.Json;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;

namespace PromptGen.Rendering;

/// <summary>
/// The <c>json</c> helper over a value of the JSON input, written from the document: what <c>JSON.stringify</c> gives
/// for the value converted, without converting it. What the document holds as JavaScript prints it is copied (strings
/// without escapes, numbers whose text is what JavaScript prints, objects whose key order JavaScript keeps); strings
/// with escapes are decoded and written by <see cref="PromptJson.WriteString"/>. Anything else makes
/// <see cref="TryWrite(JsonElement, string)"/> give up, and the caller converts the value as before, so one set of
/// rules (<see cref="JsValues.JsonStringify"/>) decides the output.
/// </summary>
internal static class JsonInputStringify
{
    // Names compared pairwise for repeats (JavaScript keeps one property for them): beyond this, the value is converted.
    private const int MaxPairwiseNames = 16;

    [ThreadStatic]
    private static StringBuilder? s_builder;

    /// <summary>JSON.stringify of <paramref name="element"/> with the gap <paramref name="gap"/>; null when it is not one of the plain cases.</summary>
    public static string? TryWrite(JsonElement element, string gap)
    {
        var builder = s_builder ?? new StringBuilder(256);
        s_builder = null;
        builder.Clear();
        try
        {
            if (!TryWrite(builder, element, gap, string.Empty, 0)) return null;
            JsValues.CheckJsonLength(builder.Length);
            return builder.ToString();
        }
        finally
        {
            if (builder.Capacity <= 16 * 1024) s_builder = builder;
        }
    }

    private static bool TryWrite(StringBuilder builder, JsonElement element, string gap, string indent, int depth)
    {
        if (depth > PromptJson.MaxDepth) return false;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return TryWriteObject(builder, element, gap, indent, depth);
            case JsonValueKind.Array:
                return TryWriteArray(builder, element, gap, indent, depth);
            case JsonValueKind.String:
                return TryWriteString(builder, JsonMarshal.GetRawUtf8Value(element)) || TryWriteEscaped(builder, element);
            case JsonValueKind.Number:
                return TryWriteNumber(builder, element);
            case JsonValueKind.True:
                builder.Append("true");
                return true;
            case JsonValueKind.False:
                builder.Append("false");
                return true;
            case JsonValueKind.Null:
                builder.Append("null");
                return true;
            default:
                return false;
        }
    }

    private static bool TryWriteArray(StringBuilder builder, JsonElement array, string gap, string indent, int depth)
    {
        if (array.GetArrayLength() == 0)
        {
            builder.Append("[]");
            return true;
        }

        var inner = gap.Length > 0 ? indent + gap : indent;
        var first = true;
        builder.Append('[');
        foreach (var item in array.EnumerateArray())
        {
            if (!first) builder.Append(',');
            first = false;
            if (gap.Length > 0) builder.Append('\n').Append(inner);
            if (!TryWrite(builder, item, gap, inner, depth + 1)) return false;
        }

        if (gap.Length > 0) builder.Append('\n').Append(indent);
        builder.Append(']');
        return true;
    }

    private static bool TryWriteObject(StringBuilder builder, JsonElement obj, string gap, string indent, int depth)
    {
        if (obj.GetPropertyCount() > MaxPairwiseNames) return false;
        var inner = gap.Length > 0 ? indent + gap : indent;
        var first = true;
        var position = 0;
        builder.Append('{');
        foreach (var property in obj.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);

            // JavaScript lists array-index keys first and keeps one property for a repeated key: such objects (and
            // escaped names, which are compared as their text) are converted instead.
            if ((name.Length > 0 && name[0] >= (byte)'0' && name[0] <= (byte)'9') || IsRepeated(obj, name, position)) return false;
            if (!first) builder.Append(',');
            first = false;
            if (gap.Length > 0) builder.Append('\n').Append(inner);
            if (!TryWriteString(builder, name)) return false;
            builder.Append(gap.Length > 0 ? ": " : ":");
            if (!TryWrite(builder, property.Value, gap, inner, depth + 1)) return false;
            position++;
        }

        if (!first && gap.Length > 0) builder.Append('\n').Append(indent);
        builder.Append('}');
        return true;
    }

    private static bool IsRepeated(JsonElement obj, ReadOnlySpan<byte> name, int position)
    {
        var at = 0;
        foreach (var earlier in obj.EnumerateObject())
        {
            if (at++ == position) return false;
            if (name.SequenceEqual(JsonMarshal.GetRawUtf8PropertyName(earlier))) return true;
        }

        return false;
    }

    /// <summary>
    /// A string of the document without escapes, as JSON.stringify writes it: such a string holds no quote, backslash or
    /// control character, and valid UTF-8 no lone surrogate, so the text is copied as it is. False for anything else.
    /// </summary>
    private static bool TryWriteString(StringBuilder builder, ReadOnlySpan<byte> raw)
    {
        if (raw.Length >= 2 && raw[0] == (byte)'"') raw = raw.Slice(1, raw.Length - 2);
        if (raw.IndexOf((byte)'\\') >= 0) return false;
#if NET
        Span<char> chars = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        if (System.Text.Unicode.Utf8.ToUtf16(raw, chars, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done) return false;
        builder.Append('"').Append(chars.Slice(0, written)).Append('"');
#else
        var text = Encoding.UTF8.GetString(raw.ToArray());
        if (text.IndexOf('\uFFFD') >= 0) return false; // perhaps an invalid sequence: the conversion decides
        builder.Append('"').Append(text).Append('"');
#endif
        return true;
    }

    /// <summary>A string with escapes: decoded, and escaped again by the writer's own rule (what its conversion gets).</summary>
    private static bool TryWriteEscaped(StringBuilder builder, JsonElement text)
    {
        string value;
        try
        {
            value = text.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return false; // what the document cannot decode (an escaped lone surrogate): the conversion decides
        }

        PromptJson.WriteString(builder, value);
        return true;
    }

    private static bool TryWriteNumber(StringBuilder builder, JsonElement number)
    {
        var raw = JsonMarshal.GetRawUtf8Value(number);
        if (JsonInputValues.IsJsText(raw))
        {
            foreach (var b in raw) builder.Append((char)b);
            return true;
        }

        // Exponents, trailing zeros, long or tiny numbers: printed from the double, as JavaScript does (beyond double: converted).
        if (!number.TryGetDouble(out var value) || double.IsInfinity(value)) return false;
        builder.Append(JsNumber.ToString(value));
        return true;
    }
}
