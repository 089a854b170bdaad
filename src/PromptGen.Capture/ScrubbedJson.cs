using System.Text.Json;

namespace PromptGen.Capture;

/// <summary>
/// Copies a JSON text into a capture line with every string value passed through the redaction (the secret scrubber,
/// then the user's hook), keeping the structure and the property names. Scrubbing value by value, rather than the line
/// as a whole, can never break the JSON around a redacted value.
/// </summary>
internal static class ScrubbedJson
{
    public static void Copy(Utf8JsonWriter writer, string json, string rootPath, Func<string, string, string> redact)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 256 });
        // The path of the value being read: property names joined with '.', array elements share their array's path.
        var path = new StringBuilder(rootPath);
        var lengths = new System.Collections.Generic.Stack<int>();
        string? pendingName = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString()!;
                    writer.WritePropertyName(pendingName);
                    break;
                case JsonTokenType.StartObject:
                    Enter(path, lengths, ref pendingName);
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.StartArray:
                    Enter(path, lengths, ref pendingName);
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndObject:
                    path.Length = lengths.Pop();
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.EndArray:
                    path.Length = lengths.Pop();
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.String:
                    writer.WriteStringValue(redact(Child(path, pendingName), reader.GetString()!));
                    pendingName = null;
                    break;
                default:
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    pendingName = null;
                    break;
            }
        }
    }

    private static void Enter(StringBuilder path, System.Collections.Generic.Stack<int> lengths, ref string? pendingName)
    {
        lengths.Push(path.Length);
        if (pendingName is not null) path.Append('.').Append(pendingName);
        pendingName = null;
    }

    private static string Child(StringBuilder path, string? name) => name is null ? path.ToString() : path + "." + name;
}
