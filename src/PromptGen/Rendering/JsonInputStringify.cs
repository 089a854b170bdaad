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
/// <see cref="TryWrite(object?, string)"/> give up, and the caller converts the value as before, so one set of
/// rules (<see cref="JsValues.JsonStringify"/>) decides the output.
/// </summary>
internal static class JsonInputStringify
{
    // Names compared pairwise for repeats (JavaScript keeps one property for them): beyond this, the value is converted.
    private const int MaxPairwiseNames = 16;

    [ThreadStatic]
    private static StringBuilder? s_builder;

    /// <summary>
    /// JSON.stringify of <paramref name="value"/> with the gap <paramref name="gap"/> when it is a value of the input
    /// (an object view or a boxed element) and one of the plain cases; else null.
    /// </summary>
    public static string? TryWrite(object? value, string gap)
    {
        if (!IsInputValue(value, out var element)) return null;
        var builder = TakeBuilder();
        try
        {
            return TryWrite(builder, element, gap) ? builder.ToString() : null;
        }
        finally
        {
            KeepBuilder(builder);
        }
    }

    /// <summary>
    /// As <see cref="TryWrite(object?, string)"/>, appended to <paramref name="output"/> (no string made for the text);
    /// false, with nothing appended, when it is not a value of the input or not one of the plain cases.
    /// </summary>
    public static bool TryWrite(RenderOutput output, object? value, string gap)
    {
        if (!IsInputValue(value, out var element)) return false;

        // Written straight into the output's text run (no second buffer to copy from); a case given up halfway is cut
        // off again, so the output is as it was.
        var run = output.TextRun();
        var start = run.Length;
        if (!TryWrite(run, element, gap, 0, 0))
        {
            run.Length = start;
            return false;
        }

        var written = run.Length - start;
        JsValues.CheckJsonLength(written);
        output.CountMerged(written); // helper text, bounded as the json helper's SafeString would be
        return true;
    }

    private static bool IsInputValue(object? value, out JsonElement element)
    {
        element = value switch { JsonObjectView view => view.Element, JsonElement boxed => boxed, _ => default };
        return element.ValueKind != JsonValueKind.Undefined;
    }

    private static bool TryWrite(StringBuilder builder, JsonElement element, string gap)
    {
        if (!TryWrite(builder, element, gap, 0, 0)) return false;
        JsValues.CheckJsonLength(builder.Length);
        return true;
    }

    // The thread's builder, taken while in use (a value written while another is being written gets a new one).
    private static StringBuilder TakeBuilder()
    {
        var builder = s_builder ?? new StringBuilder(256);
        s_builder = null;
        builder.Clear();
        return builder;
    }

    private static void KeepBuilder(StringBuilder builder)
    {
        if (builder.Capacity <= 16 * 1024) s_builder = builder;
    }

    private static bool TryWrite(StringBuilder builder, JsonElement element, string gap, int level, int depth)
    {
        if (depth > PromptJson.MaxDepth) return false;

        // The first byte of the value's text tells its kind: the document is asked once, not for the kind and then
        // for the text (each question reads the element's row again).
        var raw = JsonMarshal.GetRawUtf8Value(element);
        switch (raw.Length == 0 ? (byte)0 : raw[0])
        {
            case (byte)'{':
                return TryWriteObject(builder, element, gap, level, depth);
            case (byte)'[':
                return TryWriteArray(builder, element, gap, level, depth);
            case (byte)'"':
                return TryWriteString(builder, raw) || TryWriteEscaped(builder, element);
            case (byte)'t':
                builder.Append("true");
                return true;
            case (byte)'f':
                builder.Append("false");
                return true;
            case (byte)'n':
                builder.Append("null");
                return true;
            case (byte)'-':
            case >= (byte)'0' and <= (byte)'9':
                return TryWriteNumber(builder, element, raw);
            default:
                return false;
        }
    }

    private static bool TryWriteArray(StringBuilder builder, JsonElement array, string gap, int level, int depth)
    {
        // An empty array is told by its enumeration (no separate question to the document for its length).
        var first = true;
        builder.Append('[');
        foreach (var item in array.EnumerateArray())
        {
            if (!first) builder.Append(',');
            first = false;
            NewLine(builder, gap, level + 1);
            if (!TryWrite(builder, item, gap, level + 1, depth + 1)) return false;
        }

        if (!first) NewLine(builder, gap, level);
        builder.Append(']');
        return true;
    }

#if NET
    [System.Runtime.CompilerServices.SkipLocalsInit] // a fingerprint is read only after it is written
#endif
    private static bool TryWriteObject(StringBuilder builder, JsonElement obj, string gap, int level, int depth)
    {
        Span<int> fingerprints = stackalloc int[MaxPairwiseNames];
        var position = 0;
        builder.Append('{');
        foreach (var property in obj.EnumerateObject())
        {
            if (position == MaxPairwiseNames) return false; // counted here: no separate question for the count
            var name = JsonMarshal.GetRawUtf8PropertyName(property);

            // JavaScript lists array-index keys first and keeps one property for a repeated key: such objects (and
            // escaped names, which are compared as their text) are converted instead.
            if (name.Length > 0 && name[0] >= (byte)'0' && name[0] <= (byte)'9') return false;
            var fingerprint = Fingerprint(name);
            if (fingerprints.Slice(0, position).IndexOf(fingerprint) >= 0 && IsRepeated(obj, name, position)) return false;
            fingerprints[position] = fingerprint;
            if (position > 0) builder.Append(',');
            NewLine(builder, gap, level + 1);
            if (!TryWriteString(builder, name)) return false;
            builder.Append(gap.Length > 0 ? ": " : ":");
            if (!TryWrite(builder, property.Value, gap, level + 1, depth + 1)) return false;
            position++;
        }

        if (position > 0) NewLine(builder, gap, level);
        builder.Append('}');
        return true;
    }

    /// <summary>
    /// A cheap summary of a raw name (length, first and last bytes): names with different fingerprints differ, so only
    /// names whose fingerprint was seen before in the object are compared in full.
    /// </summary>
    private static int Fingerprint(ReadOnlySpan<byte> name) =>
        name.Length == 0 ? 0 : (name.Length << 16) | (name[0] << 8) | name[name.Length - 1];

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

    private static bool IsSpaces(string gap)
    {
        foreach (var c in gap)
        {
            if (c != ' ') return false;
        }

        return true;
    }

    /// <summary>With a gap, a line break and the gap once per level of nesting (JSON.stringify's indentation).</summary>
    private static void NewLine(StringBuilder builder, string gap, int level)
    {
        if (gap.Length == 0) return;
        if (IsSpaces(gap))
        {
            // A number's gap: the line break and its indentation in one piece.
            var width = gap.Length * level;
            if (width < SpaceLines) builder.Append(s_spaceLines[width] ??= "\n" + new string(' ', width));
            else builder.Append('\n').Append(' ', width);
            return;
        }

        builder.Append('\n');
        for (var i = 0; i < level; i++) builder.Append(gap);
    }

    // A line break and 0, 1, 2... spaces, made when first needed (two threads may both make one: the same text).
    private const int SpaceLines = 64;
    private static readonly string?[] s_spaceLines = new string?[SpaceLines];

    /// <summary>
    /// A string of the document without escapes, as JSON.stringify writes it: such a string holds no quote, backslash or
    /// control character, and valid UTF-8 no lone surrogate, so the text is copied as it is. False for anything else.
    /// </summary>
#if NET
    [System.Runtime.CompilerServices.SkipLocalsInit] // the stack buffer is read only where ToUtf16 wrote it
#endif
    private static bool TryWriteString(StringBuilder builder, ReadOnlySpan<byte> raw)
    {
        if (raw.Length >= 2 && raw[0] == (byte)'"') raw = raw.Slice(1, raw.Length - 2);
        if (raw.IndexOf((byte)'\\') >= 0) return false;
#if NET
        // A buffer of fixed size is part of the frame (no stack allocation per call); ASCII is widened without the decoder.
        const int MaxStackChars = 256;
        Span<char> chars = raw.Length <= MaxStackChars ? stackalloc char[MaxStackChars] : new char[raw.Length];
        if (System.Text.Ascii.ToUtf16(raw, chars, out var written) != System.Buffers.OperationStatus.Done &&
            System.Text.Unicode.Utf8.ToUtf16(raw, chars, out _, out written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

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

#if NET
    [System.Runtime.CompilerServices.SkipLocalsInit] // the stack buffer is fully written before it is read
#endif
    private static bool TryWriteNumber(StringBuilder builder, JsonElement number, ReadOnlySpan<byte> raw)
    {
        if (JsonInputValues.IsJsText(raw))
        {
            // ASCII digits, widened at once and appended in one piece (IsJsText allows no more than 15 digits and a sign and point).
            Span<char> chars = stackalloc char[32]; // fixed size, part of the frame; IsJsText texts are shorter
            for (var i = 0; i < raw.Length; i++) chars[i] = (char)raw[i];
#if NET
            builder.Append(chars.Slice(0, raw.Length));
#else
            builder.Append(chars.Slice(0, raw.Length).ToArray());
#endif
            return true;
        }

        // Exponents, trailing zeros, long or tiny numbers: printed from the double, as JavaScript does (beyond double: converted).
        if (!number.TryGetDouble(out var value) || double.IsInfinity(value)) return false;
        builder.Append(JsNumber.ToString(value));
        return true;
    }
}
