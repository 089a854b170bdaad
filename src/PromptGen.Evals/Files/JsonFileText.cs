using System.Text.Encodings.Web;
using System.Text.Json;

namespace PromptGen.Evals.Files;

/// <summary>
/// How PromptGen's JSON files and JSON console output are written: one object, the same text on every platform
/// (<c>\n</c> line ends and a final newline), with short forms for the arrays that make up most of a report.
/// </summary>
internal static class JsonFileText
{
    /// <summary>Indented; the format of the report and experiment files.</summary>
    public static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>Indented, text escaped only where JSON requires it: recordings files and JSON console output.</summary>
    public static readonly JsonWriterOptions IndentedReadable = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact, text escaped only where JSON requires it: canonical requests and JSON lines.</summary>
    public static readonly JsonWriterOptions CompactReadable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one JSON object whose members <paramref name="writeMembers"/> writes, and returns it as text.</summary>
    public static string WriteObject(JsonWriterOptions options, Action<Utf8JsonWriter> writeMembers)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        // Utf8JsonWriter indents with the platform's line end; files and output are compared across platforms, so always '\n'.
        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>Writes the property <paramref name="name"/> as an array with one object per item.</summary>
    public static void WriteObjects<T>(this Utf8JsonWriter writer, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeMembers)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStartObject();
            writeMembers(writer, item);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the property <paramref name="name"/> as <paramref name="value"/>, or as <c>null</c> when there is none.</summary>
    public static void WriteStringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }

    /// <summary>Writes the property <paramref name="name"/> as <paramref name="value"/>, or as <c>null</c> when there is none.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } number) writer.WriteNumber(name, number);
        else writer.WriteNull(name);
    }

    /// <summary>Writes the property <paramref name="name"/> as <paramref name="value"/>, or as <c>null</c> when there is none or it is not finite (JSON has no NaN).</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number)) writer.WriteNumber(name, number);
        else writer.WriteNull(name);
    }

    /// <summary>Writes the property <paramref name="name"/> as an array of strings.</summary>
    public static void WriteStrings(this Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
