using System.Buffers;
using System.ComponentModel;
using System.Text.Json;

namespace PromptGen.Serialization;

/// <summary>
/// Whole JSON texts in and out of generated types: the one copy of the entry points every prompt's codec used to
/// carry (buffer handling, the syntax pre-check, the first <c>Read</c>, writing to a string).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonText
{
    /// <summary>The deepest nesting of arrays and objects read (<see cref="Utf8JsonReader"/>'s default).</summary>
    public const int MaxDepth = 64;

    // Up to this many characters, the UTF-8 text is encoded on the stack (at most three bytes a UTF-16 unit).
    private const int StackBufferChars = 512;

    // Above this many characters, count the UTF-8 bytes first rather than renting for the worst case.
    private const int ExactSizeThreshold = 1 << 16;

    /// <summary>Reads <paramref name="json"/> strictly as one <typeparamref name="T"/>; never throws.</summary>
    /// <typeparam name="T">The type read.</typeparam>
    /// <param name="json">The whole JSON text.</param>
    /// <param name="read">The generated reader of <typeparamref name="T"/>.</param>
    /// <param name="value">The value read; unspecified on failure.</param>
    /// <returns>True when the text is one JSON value that fits <typeparamref name="T"/>.</returns>
#if NET8_0_OR_GREATER
    [System.Runtime.CompilerServices.SkipLocalsInit] // the stack buffer is read only where GetBytes wrote it
#endif
    public static bool TryRead<T>(string json, JsonValueReader<T> read, out T value)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        if (read is null) throw new ArgumentNullException(nameof(read));
        if (!MayStartJson(json))
        {
            // Prose, a code fence, a bare word: the syntax check would fail at the first character, so do not encode
            // the whole text to UTF-8 to find that out (most malformed model output starts this way).
            JsonReadFailure.NotJson();
            value = default!;
            return false;
        }

#if NET8_0_OR_GREATER
        if (json.Length <= StackBufferChars)
        {
            // A typical answer fits on the stack: no pool round trip on the clean path.
            Span<byte> stackBuffer = stackalloc byte[StackBufferChars * 3 + JsonSyntax.Padding];
            var written = Encoding.UTF8.GetBytes(json.AsSpan(), stackBuffer);
            return TryReadPadded(json, stackBuffer, written, read, out value);
        }
#endif

        var size = json.Length <= ExactSizeThreshold ? Encoding.UTF8.GetMaxByteCount(json.Length) : Encoding.UTF8.GetByteCount(json);
        var buffer = ArrayPool<byte>.Shared.Rent(size + JsonSyntax.Padding);
        try
        {
            var length = Encoding.UTF8.GetBytes(json, 0, json.Length, buffer, 0);
            return TryReadPadded(json, buffer, length, read, out value);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether the first character after JSON whitespace can start a JSON value (what the syntax check requires).</summary>
    private static bool MayStartJson(string json)
    {
        foreach (var c in json)
        {
            switch (c)
            {
                case ' ' or '\n' or '\r' or '\t':
                    continue;
                case '{' or '[' or '"' or '-' or 't' or 'f' or 'n' or (>= '0' and <= '9'):
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Reads <paramref name="json"/> strictly as one <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type read.</typeparam>
    /// <param name="json">The whole JSON text.</param>
    /// <param name="read">The generated reader of <typeparamref name="T"/>.</param>
    /// <returns>The value read.</returns>
    /// <exception cref="JsonException">The text is not JSON, or does not fit <typeparamref name="T"/>.</exception>
    public static T Read<T>(string json, JsonValueReader<T> read)
    {
        if (TryRead(json, read, out var value)) return value;
        var utf8Json = Encoding.UTF8.GetBytes(json);
        ThrowSyntaxError(utf8Json);
        throw JsonReadFailure.ToException(utf8Json);
    }

    /// <summary>Reads a JSON value strictly as one <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type read.</typeparam>
    /// <param name="json">The JSON value.</param>
    /// <param name="read">The generated reader of <typeparamref name="T"/>.</param>
    /// <returns>The value read.</returns>
    /// <exception cref="JsonException">The value does not fit <typeparamref name="T"/>.</exception>
    public static T Read<T>(JsonElement json, JsonValueReader<T> read) => Read(json.GetRawText(), read);

    /// <summary>Writes <paramref name="value"/> as compact JSON with its wire names.</summary>
    /// <typeparam name="T">The type written.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="write">The generated writer of <typeparamref name="T"/>.</param>
    /// <returns>The JSON text.</returns>
    public static string Write<T>(T value, JsonValueWriter<T> write)
    {
        if (write is null) throw new ArgumentNullException(nameof(write));
        var buffer = new ByteBufferWriter(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        return buffer.GetString();
    }

    /// <summary>Parses a JSON text into a <see cref="JsonElement"/> that needs no disposing.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The root value.</returns>
    public static JsonElement ParseElement(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The strict read of UTF-8 JSON: the syntax check, then the generated reader. Never throws.</summary>
    internal static bool TryReadUtf8<T>(ReadOnlySpan<byte> utf8, JsonValueReader<T> read, out T value) =>
        JsonSyntax.IsValid(utf8) ? ReadChecked(utf8, read, out value) : NotJson(out value);

    /// <summary>
    /// The strict read of the first <paramref name="length"/> bytes of <paramref name="buffer"/>, the UTF-8 encoding of
    /// <paramref name="source"/>, which has <see cref="JsonSyntax.Padding"/> bytes to spare after them for the syntax
    /// check. Never throws.
    /// </summary>
    private static unsafe bool TryReadPadded<T>(string source, Span<byte> buffer, int length, JsonValueReader<T> read, out T value)
    {
        if (!JsonSyntax.IsValidPadded(buffer, length)) return NotJson(out value);

        // Strings are cut from the source text where its bytes and characters line up (see JsonSourceText), so the
        // buffer stays where it is during the read.
        fixed (byte* utf8 = buffer)
        {
            var enclosing = JsonSourceText.Enter(source, utf8, length == source.Length ? length : AsciiLength(source));
            try
            {
                return ReadChecked(buffer.Slice(0, length), read, out value);
            }
            finally
            {
                JsonSourceText.Exit(enclosing);
            }
        }
    }

    /// <summary>How many characters <paramref name="text"/> starts with that are ASCII (one UTF-8 byte each).</summary>
    private static int AsciiLength(string text)
    {
#if NET8_0_OR_GREATER
        var firstOther = text.AsSpan().IndexOfAnyExceptInRange('\u0000', '\u007F');
        return firstOther < 0 ? text.Length : firstOther;
#else
        var i = 0;
        while (i < text.Length && text[i] <= '\u007F') i++;
        return i;
#endif
    }

    /// <summary>The generated reader on text that passed the syntax check (so the reader does not throw).</summary>
    private static bool ReadChecked<T>(ReadOnlySpan<byte> utf8, JsonValueReader<T> read, out T value)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        reader.Read();
        return read(ref reader, out value);
    }

    private static bool NotJson<T>(out T value)
    {
        JsonReadFailure.NotJson();
        value = default!;
        return false;
    }

    /// <summary>Throws the reader's own description of a syntax error, if the text has one.</summary>
    private static void ThrowSyntaxError(byte[] bytes)
    {
        if (JsonSyntax.IsValid(bytes)) return;
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName) reader.GetString();
            }
        }
        catch (InvalidOperationException exception)
        {
            // GetString on an escaped lone surrogate.
            throw new JsonException("The JSON text has a string that cannot be decoded: " + exception.Message, exception);
        }

        throw new JsonException("The JSON text is not valid.");
    }
}
