using System.ComponentModel;
using System.Text.Json;

namespace PromptGen.Tools;

/// <summary>
/// Turns a tool method's return value into the JSON sent back to the model; called by generated tool functions, with
/// a generated writer for the value's type, so no serializer needs to know the type at run time.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PromptToolResults
{
    /// <summary>Writes <paramref name="value"/> with <paramref name="write"/> and returns it as one JSON value.</summary>
    public static JsonElement ToJson<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        if (write is null) throw new ArgumentNullException(nameof(write));
        var buffer = new ByteBufferWriter(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Writes a sequence as a JSON array (<c>null</c> for a null sequence).</summary>
    public static void WriteArray<T>(Utf8JsonWriter writer, IEnumerable<T>? items, Action<Utf8JsonWriter, T> writeItem)
    {
        if (writer is null) throw new ArgumentNullException(nameof(writer));
        if (writeItem is null) throw new ArgumentNullException(nameof(writeItem));
        if (items is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var item in items) writeItem(writer, item);
        writer.WriteEndArray();
    }
}
