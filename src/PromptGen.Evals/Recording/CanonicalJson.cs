using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromptGen.Evals.Files;

namespace PromptGen.Evals.Recording;

/// <summary>Canonical JSON: object keys sorted ordinally, no insignificant whitespace; and its SHA-256.</summary>
internal static class CanonicalJson
{
    private static readonly JsonWriterOptions CompactOptions = JsonFileText.CompactReadable;

    /// <summary>The canonical text of <paramref name="node"/> (sorted keys, compact).</summary>
    public static string Serialize(JsonNode? node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, CompactOptions))
            Write(writer, node, value => value);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes <paramref name="node"/> with sorted keys, passing every string (not keys) through <paramref name="mapString"/>.</summary>
    public static void Write(Utf8JsonWriter writer, JsonNode? node, Func<string, string> mapString)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var property in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Key);
                    Write(writer, property.Value, mapString);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                    Write(writer, item, mapString);
                writer.WriteEndArray();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                writer.WriteStringValue(mapString(value.GetValue<string>()));
                break;
            case JsonValue value:
                value.WriteTo(writer);
                break;
        }
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));

    public static string Sha256Hex(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexString(hash).ToLowerInvariant();
    }

    /// <summary>
    /// Turns a node built from CLR values into a node whose leaves are all <see cref="JsonElement"/>s,
    /// so every value can be written and compared uniformly.
    /// </summary>
    public static JsonNode? Normalize(JsonNode? node) =>
        node is null ? null : JsonNode.Parse(node.ToJsonString());
}
