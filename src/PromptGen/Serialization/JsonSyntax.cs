using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.Intrinsics;
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

    /// <summary>Bytes after the text that <see cref="IsValidPadded"/> may read (it writes them itself): one vector.</summary>
    public const int Padding = 16;

    /// <summary>Up to this many bytes, <see cref="IsValid"/> copies the text into a padded buffer on the stack.</summary>
    private const int StackCopyBytes = 1024;

    /// <summary>True when <paramref name="utf8"/> is exactly one JSON value, optionally surrounded by JSON whitespace.</summary>
#if NET8_0_OR_GREATER
    [SkipLocalsInit] // the copy is read only up to the padding IsValidPadded writes
#endif
    public static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= StackCopyBytes)
        {
            Span<byte> copy = stackalloc byte[StackCopyBytes + Padding];
            utf8.CopyTo(copy);
            return IsValidPadded(copy, utf8.Length);
        }

        var rented = ArrayPool<byte>.Shared.Rent(utf8.Length + Padding);
        try
        {
            utf8.CopyTo(rented);
            return IsValidPadded(rented, utf8.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// True when the first <paramref name="length"/> bytes of <paramref name="buffer"/> are exactly one JSON value,
    /// optionally surrounded by JSON whitespace. The buffer must have <see cref="Padding"/> bytes after the text: they
    /// are set to zero, and the zero after the text ends every scan (it is never whitespace, a token or string content),
    /// so the scans need no bounds checks and read strings 16 (or 8) bytes at a time to their end.
    /// </summary>
    public static bool IsValidPadded(Span<byte> buffer, int length)
    {
        if ((uint)length > (uint)buffer.Length || buffer.Length - length < Padding) throw new ArgumentException("The buffer has no room for the padding.", nameof(buffer));
        ref var b = ref MemoryMarshal.GetReference(buffer);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref b, length), 0UL); // the Padding bytes after the text
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref b, length + sizeof(ulong)), 0UL);

        // One bit per open container, innermost lowest (1 = object); at most MaxDepth of them, as in the reader.
        ulong objects = 0;
        var depth = 0;
        nint i = 0;
        while (true)
        {
            // A value starts here.
            i = SkipWhitespace(ref b, i);
            var c = Unsafe.Add(ref b, i);
            if (c == (byte)'"')
            {
                if ((i = SkipString(ref b, i + 1, length)) < 0) return false;
            }
            else if (c == (byte)'{' || c == (byte)'[')
            {
                if (depth == JsonText.MaxDepth) return false;
                var isObject = c == (byte)'{';
                objects = (objects << 1) | (isObject ? 1UL : 0UL);
                depth++;
                i = SkipWhitespace(ref b, i + 1);
                if (Unsafe.Add(ref b, i) != (isObject ? (byte)'}' : (byte)']'))
                {
                    if (isObject && (i = SkipPropertyName(ref b, i, length)) < 0) return false;
                    continue;
                }

                objects >>= 1;
                depth--;
                i++;
            }
            else if ((i = SkipScalar(ref b, i, c)) < 0)
            {
                return false;
            }

            // After a value: a separator, the end of its container, or the end of the text.
            while (true)
            {
                i = SkipWhitespace(ref b, i);
                if (depth == 0) return i == length;
                c = Unsafe.Add(ref b, i);
                var inObject = (objects & 1) != 0;
                if (c == (byte)',')
                {
                    if (!inObject)
                    {
                        i++;
                        break;
                    }

                    if ((i = SkipPropertyName(ref b, SkipWhitespace(ref b, i + 1), length)) < 0) return false;
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
    private static nint SkipPropertyName(ref byte b, nint i, int length)
    {
        if (Unsafe.Add(ref b, i) != (byte)'"' || (i = SkipString(ref b, i + 1, length)) < 0) return -1;
        i = SkipWhitespace(ref b, i);
        return Unsafe.Add(ref b, i) == (byte)':' ? i + 1 : -1;
    }

    /// <summary>A number or literal starting with <paramref name="c"/> at <paramref name="i"/>; the index after it, or -1.</summary>
    private static nint SkipScalar(ref byte b, nint i, byte c)
    {
        // A literal's first byte is in the text, so its four bytes are within the text and the padding.
        switch (c)
        {
            case (byte)'t':
                return Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, i)) == Literal("true"u8) ? i + 4 : -1;
            case (byte)'n':
                return Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, i)) == Literal("null"u8) ? i + 4 : -1;
            case (byte)'f':
                return Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, i)) == Literal("fals"u8) && Unsafe.Add(ref b, i + 4) == (byte)'e' ? i + 5 : -1;
        }

        // RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        if (c == (byte)'-') c = Unsafe.Add(ref b, ++i);
        if (c == (byte)'0') i++;
        else if ((i = SkipDigits(ref b, i)) < 0) return -1;
        if (Unsafe.Add(ref b, i) == (byte)'.' && (i = SkipDigits(ref b, i + 1)) < 0) return -1;
        if ((Unsafe.Add(ref b, i) | 0x20) == (byte)'e')
        {
            c = Unsafe.Add(ref b, ++i);
            if (c == (byte)'+' || c == (byte)'-') i++;
            if ((i = SkipDigits(ref b, i)) < 0) return -1;
        }

        return i;
    }

    /// <summary>The four bytes of a literal as one word, in the byte order the text is read in.</summary>
    private static uint Literal(ReadOnlySpan<byte> four) => Unsafe.ReadUnaligned<uint>(ref MemoryMarshal.GetReference(four));

    /// <summary>One or more digits from <paramref name="i"/>; the index after them, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint SkipDigits(ref byte b, nint i)
    {
        var start = i;
        while ((uint)(Unsafe.Add(ref b, i) - '0') <= 9) i++;
        return i > start ? i : -1;
    }

    /// <summary>A string's content from just after its opening quote; the index after the closing quote, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint SkipString(ref byte b, nint i, int length)
    {
#if NET8_0_OR_GREATER
        if (Vector128.IsHardwareAccelerated)
        {
            // Most strings end within one vector. Whether the first special byte is the closing quote is read off the
            // comparison masks rather than by loading that byte again: the position of the next token, which every
            // later step waits for, is then one load away instead of two.
            var bytes = Vector128.LoadUnsafe(ref b, (nuint)i);
            var quotes = Vector128.Equals(bytes, Vector128.Create((byte)'"')).ExtractMostSignificantBits();
            var specials = quotes | (Vector128.Equals(bytes, Vector128.Create((byte)'\\')) | Vector128.LessThan(bytes, Vector128.Create((byte)0x20))).ExtractMostSignificantBits();
            var first = specials & (0u - specials); // the bit of the first special byte; zero when there is none
            if ((quotes & first) != 0) return i + BitOperations.TrailingZeroCount(quotes) + 1;

            // No special byte at all means none of these bytes is the zero after the text: skip them.
            if (first == 0) i += Vector128<byte>.Count;
        }
#endif

        while (true)
        {
            i = SkipPlain(ref b, i, length);
            var c = Unsafe.Add(ref b, i);
            if (c == (byte)'"') return i + 1;
            if (c != (byte)'\\') return -1; // an unescaped control character, or the zero after the text
            if ((i = SkipEscape(ref b, i)) < 0) return -1;
        }
    }

    /// <summary>
    /// The index of the first quote, backslash or control character from <paramref name="i"/> (at the latest the zero
    /// after the text).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint SkipPlain(ref byte b, nint i, int length)
    {
#if NET8_0_OR_GREATER
        // Most strings end within a few words: 16 or 8 bytes at a time (the padding makes every read safe), then a
        // vectorized search for longer runs.
        var wordsEnd = i + ShortString;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= wordsEnd; i += Vector128<byte>.Count)
            {
                var bytes = Vector128.LoadUnsafe(ref b, (nuint)i);
                var specials = Vector128.Equals(bytes, Vector128.Create((byte)'"'))
                    | Vector128.Equals(bytes, Vector128.Create((byte)'\\'))
                    | Vector128.LessThan(bytes, Vector128.Create((byte)0x20));
                var mask = specials.ExtractMostSignificantBits();
                if (mask != 0) return i + BitOperations.TrailingZeroCount(mask);
            }
        }
        else
        {
            for (; i <= wordsEnd; i += sizeof(ulong))
            {
                var specials = Specials(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, i)));
                if (specials != 0) return i + (BitOperations.TrailingZeroCount(specials) >> 3);
            }
        }

        if (i >= length) return length; // past the text: the zero after it is the first special byte
        var run = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref b, i), length - (int)i).IndexOfAny(s_stringSpecials);
        return run < 0 ? length : i + run;
#else
        while (IsPlain(Unsafe.Add(ref b, i))) i++;
        return i;
#endif
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
    /// One escape sequence from its backslash; the index after it, or -1. A <c>\\u</c> surrogate must come in a
    /// high-low pair: <c>GetString</c> throws otherwise. Every read stops at the first byte that does not fit, so
    /// none goes past the zero after the text.
    /// </summary>
    private static nint SkipEscape(ref byte b, nint i)
    {
        switch (Unsafe.Add(ref b, i + 1))
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
                var unit = Hex4(ref b, i + 2);
                if (unit < 0) return -1;
                i += 6;
                if (unit < 0xD800 || unit > 0xDFFF) return i;
                if (unit >= 0xDC00 || Unsafe.Add(ref b, i) != (byte)'\\' || Unsafe.Add(ref b, i + 1) != (byte)'u') return -1;
                var low = Hex4(ref b, i + 2);
                return low >= 0xDC00 && low <= 0xDFFF ? i + 6 : -1;
            default:
                return -1;
        }
    }

    /// <summary>Four hex digits at <paramref name="start"/> as a number, or -1.</summary>
    private static int Hex4(ref byte b, nint start)
    {
        var value = 0;
        for (var k = start; k < start + 4; k++)
        {
            var c = Unsafe.Add(ref b, k);
            int digit;
            if ((uint)(c - '0') <= 9) digit = c - '0';
            else if ((uint)((c | 0x20) - 'a') <= 5) digit = (c | 0x20) - 'a' + 10;
            else return -1;
            value = (value << 4) | digit;
        }

        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint SkipWhitespace(ref byte b, nint i)
    {
        // Compact JSON has none: one comparison in the common case.
        if (Unsafe.Add(ref b, i) > (byte)' ') return i;
        while (true)
        {
            var c = Unsafe.Add(ref b, i);
            if (c != (byte)' ' && c != (byte)'\n' && c != (byte)'\r' && c != (byte)'\t') return i;
            i++;
        }
    }
}
