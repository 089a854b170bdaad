using System.Text.Encodings.Web;
using System.Text.Json;

namespace PromptGen;

/// <summary>
/// How the schema-aligned parser writes its canonical JSON: the one place that decides the escaping, shared by the
/// writer and by the names and enum values encoded ahead of time (which must come out byte for byte as the writer
/// would write them).
/// </summary>
internal static class AlignedJson
{
    /// <summary>Escapes only what JSON requires, so text the model wrote stays readable.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Options of the writer of aligned JSON (compact; the aligner writes well-formed JSON by construction).</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        SkipValidation = true,
        Encoder = Encoder,
    };

    /// <summary><paramref name="text"/> escaped as the writer would escape it, or null when it is not valid UTF-16.</summary>
    public static JsonEncodedText? TryEncode(string text)
    {
        try
        {
            return JsonEncodedText.Encode(text, Encoder);
        }
        catch (ArgumentException)
        {
            // A lone surrogate: leave it to the writer, which fails the parse the way it always did.
            return null;
        }
    }
}
