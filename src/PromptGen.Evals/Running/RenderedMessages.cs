using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PromptGen.Evals.Running;

/// <summary>Rendered chat messages as compact JSON for reports: <c>[{"role":"user","text":"..."}]</c>.</summary>
internal static class RenderedMessages
{
    public static string ToJson(IList<ChatMessage> messages)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var message in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role.Value);
                writer.WriteString("text", message.Text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
