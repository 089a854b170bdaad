using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace PromptGen.Serialization;

/// <summary>
/// The UTF-16 text that the strict read running on this thread encoded to UTF-8, so that its strings can be cut from
/// it. Up to the text's first non-ASCII character, a byte offset in the UTF-8 is also a character offset in the text,
/// and a string without escapes there is exactly the characters between its quotes: one copy instead of decoding the
/// bytes (a validation pass and a transcoding pass per string, most of what reading a short string costs).
/// </summary>
internal static unsafe class JsonSourceText
{
    // A mutable object per thread rather than a struct-typed thread static: with the struct, the profile showed the
    // check not inlined and the whole source copied out of thread-local storage on every string.
    [ThreadStatic]
    private static Current? t_current;

    /// <summary>Makes <paramref name="text"/> the source of the strict read of <paramref name="utf8"/> on this thread.</summary>
    /// <param name="text">The text the bytes were encoded from.</param>
    /// <param name="utf8">Its UTF-8 encoding, pinned (or on the stack) until <see cref="Exit"/>.</param>
    /// <param name="asciiLength">How many characters the text starts with that are all ASCII.</param>
    /// <returns>The source of the enclosing read, if any, for <see cref="Exit"/>.</returns>
    public static Source Enter(string text, byte* utf8, int asciiLength)
    {
        var current = t_current ??= new Current();
        var enclosing = current.Source;
        current.Source = new Source(text, utf8, asciiLength);
        return enclosing;
    }

    /// <summary>Ends the read that <see cref="Enter"/> started, restoring the enclosing one's source.</summary>
    /// <param name="enclosing">What <see cref="Enter"/> returned.</param>
    public static void Exit(Source enclosing) => t_current!.Source = enclosing;

    /// <summary>The string (or property name) the reader is on, as <see cref="Utf8JsonReader.GetString"/> returns it.</summary>
    /// <param name="reader">The reader, on a string or a property name.</param>
    /// <returns>The decoded value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string GetString(ref Utf8JsonReader reader) =>
        !reader.ValueIsEscaped && !reader.HasValueSequence && TryCut(ref reader, out var value) ? value : reader.GetString()!;

    /// <summary>
    /// Cuts the unescaped string the reader is on from the source text, when the reader reads the source's bytes and the
    /// string lies in its ASCII start. A reader over any other buffer (no strict read running, or another reader inside
    /// one) is told apart by the address of its bytes.
    /// </summary>
    private static bool TryCut(ref Utf8JsonReader reader, out string value)
    {
        var current = t_current;
        var bytes = reader.ValueSpan;
        var start = reader.TokenStartIndex + 1; // after the opening quote
        if (current is null
            || current.Source.Text is not { } text
            || start + bytes.Length > current.Source.AsciiLength
            || Unsafe.AsPointer(ref MemoryMarshal.GetReference(bytes)) != current.Source.Utf8 + start)
        {
            value = null!;
            return false;
        }

        value = text.Substring((int)start, bytes.Length);
        return true;
    }

    /// <summary>The source of the read running on one thread.</summary>
    private sealed class Current
    {
        public Source Source;
    }

    /// <summary>A strict read's source text and the bytes it was encoded to.</summary>
    internal readonly struct Source
    {
        public Source(string text, byte* utf8, int asciiLength)
        {
            Text = text;
            Utf8 = utf8;
            AsciiLength = asciiLength;
        }

        public string? Text { get; }

        public byte* Utf8 { get; }

        public int AsciiLength { get; }
    }
}
