using System.Text.Json;

namespace PromptGen.Evals.Files;

/// <summary>Where a <see cref="JsonException"/> happened in a file, and its message without the position it appends.</summary>
internal readonly record struct JsonErrorPosition(int Line, int Column, string Message)
{
    /// <summary>
    /// The problem of a string that escapes half of a surrogate pair (<c>"\ud800"</c>): System.Text.Json reads it as
    /// JSON but cannot decode it, and <c>GetString</c> throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public const string UnpairedSurrogateProblem = "a string escapes half of a surrogate pair (\\uD800-\\uDFFF without its other half)";

    /// <summary>Reads a reader's or serializer's exception over <paramref name="lines"/>: 1-based line and character column, and the message's first part.</summary>
    public static JsonErrorPosition Of(JsonException exception, Utf8LineIndex lines)
    {
        // Utf8JsonReader positions are a 0-based line and a 0-based byte in that line.
        var (line, column) = lines.FromByteColumn((exception.LineNumber ?? 0) + 1, (exception.BytePositionInLine ?? 0) + 1);
        return new JsonErrorPosition(line, column, WithoutPosition(exception.Message));
    }

    // The serializer appends " Path: $.x | LineNumber: 0 | BytePositionInLine: 1."; the reader only the " LineNumber" part.
    private static string WithoutPosition(string message)
    {
        var path = message.IndexOf(" Path:", StringComparison.Ordinal);
        var line = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        var cut = path > 0 && (line < 0 || path < line) ? path : line;
        return (cut > 0 ? message.Substring(0, cut) : message).Trim();
    }
}
