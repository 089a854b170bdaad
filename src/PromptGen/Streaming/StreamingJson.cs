using System.Text.Json;

namespace PromptGen.Streaming;

/// <summary>Writes streamed values back as JSON text: complete values exactly, open ones as far as they go (closed).</summary>
public static class StreamingJson
{
    /// <summary>
    /// The JSON text of <paramref name="node"/> as read so far: open strings, objects and arrays are closed, properties
    /// whose value has not started are left out. Numbers keep the model's spelling; one that is not valid JSON
    /// (<c>+1</c>, <c>.5</c>) is written as a string.
    /// </summary>
    /// <param name="node">A streamed value.</param>
    public static string ToJson(StreamingNode node)
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, node, depth: 0);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, StreamingNode node, int depth)
    {
        switch (node)
        {
            case StreamingObject o:
                writer.WriteStartObject();
                foreach (var property in o.Properties)
                {
                    if (property.Value is null)
                    {
                        continue;
                    }

                    writer.WritePropertyName(property.Key);
                    Write(writer, property.Value, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case StreamingArray a:
                writer.WriteStartArray();
                foreach (var item in a.Items)
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case StreamingString s:
                writer.WriteStringValue(s.Text);
                break;
            case StreamingScalar { Kind: StreamingNodeKind.Null }:
                writer.WriteNullValue();
                break;
            case StreamingScalar { Kind: StreamingNodeKind.Boolean } b:
                writer.WriteBooleanValue(string.Equals(b.Text, "true", StringComparison.OrdinalIgnoreCase));
                break;
            case StreamingScalar number:
                if (NumberText.IsJsonNumber(number.Text))
                {
                    writer.WriteRawValue(number.Text, skipInputValidation: true);
                }
                else
                {
                    writer.WriteStringValue(number.Text);
                }

                break;
        }
    }
}
