using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
#endif

namespace PromptGen.Serialization;

/// <summary>
/// A non-throwing check that a UTF-8 text is one JSON value that <see cref="System.Text.Json.Utf8JsonReader"/> (default
/// options, <see cref="JsonText.MaxDepth"/>) reads to the end without an exception, and whose strings
/// <c>GetString</c> can decode. Generated strict readers run only after it passes, so malformed model output costs
/// one scan and no exception. It is on the path of every clean parse, so it is one tight loop over the bytes.
/// </summary>
internal static class JsonSyntax
{
    /// <summary>String content past this many bytes is searched with a vectorized scan for its end.</summary>
    private const int ShortString = 32;

#if NET8_0_OR_GREATER
    // Bytes that end a run of plain string content: the closing quote, an escape, or a control character.
    private static readonly SearchValues<byte> s_stringSpecials = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"u8);
#endif

    /// <summary>True when <paramref name="utf8"/> is exactly one JSON value, optionally surrounded by JSON whitespace.</summary>
    public static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        // One bit per open container, innermost lowest (1 = object); at most MaxDepth of them, as in the reader.
        ulong objects = 0;
        var depth = 0;
        var i = 0;
        while (true)
        {
            // A value starts here.
            i = SkipWhitespace(utf8, i);
            if (i >= utf8.Length) return false;
            var c = utf8[i];
            if (c == (byte)'"')
            {
                i = SkipString(utf8, i + 1);
                if (i < 0) return false;
            }
            else if (c == (byte)'{' || c == (byte)'[')
            {
                if (depth == JsonText.MaxDepth) return false;
                var isObject = c == (byte)'{';
                objects = (objects << 1) | (isObject ? 1UL : 0UL);
                depth++;
                i = SkipWhitespace(utf8, i + 1);
                if (i >= utf8.Length) return false;
                if (utf8[i] != (isObject ? (byte)'}' : (byte)']'))
                {
                    if (isObject && (i = SkipPropertyName(utf8, i)) < 0) return false;
                    continue;
                }

                objects >>= 1;
                depth--;
                i++;
            }
            else if ((i = SkipScalar(utf8, i, c)) < 0)
            {
                return false;
            }

            // After a value: a separator, the end of its container, or the end of the text.
            while (true)
            {
                i = SkipWhitespace(utf8, i);
                if (depth == 0) return i == utf8.Length;
                if (i >= utf8.Length) return false;
                c = utf8[i];
                var inObject = (objects & 1) != 0;
                if (c == (byte)',')
                {
                    if (inObject && (i = SkipPropertyName(utf8, SkipWhitespace(utf8, i + 1))) < 0) return false;
                    if (!inObject) i++;
                    break;
                }

                if (c != (inObject ? (byte)'}' : (byte)']')) return false;
                objects >>= 1;
                depth--;
                i++;
            }
        }
    }

    /// <summary>A property name and its colon from <paramref name="i"/>; the index after the colon, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipPropertyName(ReadOnlySpan<byte> utf8, int i)
    {
        if (i >= utf8.Length || utf8[i] != (byte)'"') return -1;
        i = SkipString(utf8, i + 1);
        if (i < 0) return -1;
        i = SkipWhitespace(utf8, i);
        return i < utf8.Length && utf8[i] == (byte)':' ? i + 1 : -1;
    }

    /// <summary>A number or literal starting with <paramref name="c"/> at <paramref name="i"/>; the index after it, or -1.</summary>
    private static int SkipScalar(ReadOnlySpan<byte> utf8, int i, byte c)
    {
        switch (c)
        {
            case (byte)'t':
                return utf8.Slice(i).StartsWith("true"u8) ? i + 4 : -1;
            case (byte)'f':
                return utf8.Slice(i).StartsWith("false"u8) ? i + 5 : -1;
            case (byte)'n':
                return utf8.Slice(i).StartsWith("null"u8) ? i + 4 : -1;
        }

        // RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        if (c == (byte)'-' && ++i >= utf8.Length) return -1;
        if (utf8[i] == (byte)'0') i++;
        else if ((i = SkipDigits(utf8, i)) < 0) return -1;
        if (i < utf8.Length && utf8[i] == (byte)'.' && (i = SkipDigits(utf8, i + 1)) < 0) return -1;
        if (i < utf8.Length && (utf8[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < utf8.Length && (utf8[i] == (byte)'+' || utf8[i] == (byte)'-')) i++;
            if ((i = SkipDigits(utf8, i)) < 0) return -1;
        }

        return i;
    }

    /// <summary>One or more digits from <paramref name="i"/>; the index after them, or -1.</summary>
    private static int SkipDigits(ReadOnlySpan<byte> utf8, int i)
    {
        var start = i;
        while (i < utf8.Length && (uint)(utf8[i] - '0') <= 9) i++;
        return i > start ? i : -1;
    }

    /// <summary>A string's content from just after its opening quote; the index after the closing quote, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipString(ReadOnlySpan<byte> utf8, int i)
    {
        while (true)
        {
            i = SkipPlain(utf8, i);
            if (i >= utf8.Length) return -1;
            var c = utf8[i];
            if (c == (byte)'"') return i + 1;
            if (c != (byte)'\\') return -1; // an unescaped control character
            if ((i = SkipEscape(utf8, i)) < 0) return -1;
        }
    }

    /// <summary>The index of the first quote, backslash or control character from <paramref name="i"/>, or the length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipPlain(ReadOnlySpan<byte> utf8, int i)
    {
#if NET8_0_OR_GREATER
        // Most strings end within a few words: eight bytes at a time, then a vectorized search for longer runs.
        var lastWord = utf8.Length - sizeof(ulong);
        var wordsEnd = Math.Min(lastWord, i + ShortString);
        for (; i <= wordsEnd; i += sizeof(ulong))
        {
            var specials = Specials(BinaryPrimitives.ReadUInt64LittleEndian(utf8.Slice(i)));
            if (specials != 0) return i + (BitOperations.TrailingZeroCount(specials) >> 3);
        }

        if (i <= lastWord)
        {
            var run = utf8.Slice(i).IndexOfAny(s_stringSpecials);
            return run < 0 ? utf8.Length : i + run;
        }
#endif
        while (i < utf8.Length && IsPlain(utf8[i])) i++;
        return i;
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// The high bit of each byte of <paramref name="word"/> (little-endian) that is a quote, a backslash or below
    /// 0x20. Borrows can also mark a byte above a real match, never one below it, so the lowest mark is always a match.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Specials(ulong word)
    {
        const ulong Ones = 0x0101010101010101UL;
        const ulong Highs = 0x8080808080808080UL;
        var quote = word ^ (Ones * '"');
        var backslash = word ^ (Ones * '\\');
        return (((quote - Ones) & ~quote) | ((backslash - Ones) & ~backslash) | ((word - (Ones * 0x20)) & ~word)) & Highs;
    }
#endif

    private static bool IsPlain(byte c) => c >= 0x20 && c != (byte)'"' && c != (byte)'\\';

    /// <summary>
    /// One escape sequence from its backslash; the index after it, or -1. A <c>\u</c> surrogate must come in a
    /// high-low pair: <c>GetString</c> throws otherwise.
    /// </summary>
    private static int SkipEscape(ReadOnlySpan<byte> utf8, int i)
    {
        if (i + 1 >= utf8.Length) return -1;
        switch (utf8[i + 1])
        {
            case (byte)'"':
            case (byte)'\\':
            case (byte)'/':
            case (byte)'b':
            case (byte)'f':
            case (byte)'n':
            case (byte)'r':
            case (byte)'t':
                return i + 2;
            case (byte)'u':
                var unit = Hex4(utf8, i + 2);
                if (unit < 0) return -1;
                i += 6;
                if (unit < 0xD800 || unit > 0xDFFF) return i;
                if (unit >= 0xDC00 || i + 1 >= utf8.Length || utf8[i] != (byte)'\\' || utf8[i + 1] != (byte)'u') return -1;
                var low = Hex4(utf8, i + 2);
                return low >= 0xDC00 && low <= 0xDFFF ? i + 6 : -1;
            default:
                return -1;
        }
    }

    /// <summary>Four hex digits at <paramref name="start"/> as a number, or -1.</summary>
    private static int Hex4(ReadOnlySpan<byte> utf8, int start)
    {
        if (start + 4 > utf8.Length) return -1;
        var value = 0;
        for (var k = start; k < start + 4; k++)
        {
            var c = utf8[k];
            int digit;
            if ((uint)(c - '0') <= 9) digit = c - '0';
            else if ((uint)((c | 0x20) - 'a') <= 5) digit = (c | 0x20) - 'a' + 10;
            else return -1;
            value = (value << 4) | digit;
        }

        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ReadOnlySpan<byte> utf8, int i)
    {
        // Compact JSON has none: one comparison in the common case.
        if (i < utf8.Length && utf8[i] > (byte)' ') return i;
        while (i < utf8.Length)
        {
            var c = utf8[i];
            if (c > (byte)' ' || (c != (byte)' ' && c != (byte)'\n' && c != (byte)'\r' && c != (byte)'\t')) break;
            i++;
        }

        return i;
    }
}
