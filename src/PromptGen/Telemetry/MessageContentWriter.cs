using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Security;

namespace PromptGen.Telemetry;

/// <summary>
/// Writes chat messages as the GenAI semantic conventions' message JSON (<c>[{"role":..,"parts":[{"type":"text",
/// "content":..}]}]</c>) for the opt-in content attributes. Every text goes through the scrubber; binary data is
/// named by its media type, never written.
/// </summary>
internal static class MessageContentWriter
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(IEnumerable<ChatMessage> messages, SecretScrubber scrubber)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_options))
        {
            writer.WriteStartArray();
            foreach (var message in messages) WriteMessage(writer, message, null, scrubber);
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The final answers of every attempt, each with its finish reason.</summary>
    public static string WriteResponses(IEnumerable<ChatResponse> responses, SecretScrubber scrubber)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_options))
        {
            writer.WriteStartArray();
            foreach (var response in responses)
            {
                foreach (var message in response.Messages) WriteMessage(writer, message, response.FinishReason, scrubber);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message, ChatFinishReason? finishReason, SecretScrubber scrubber)
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role.Value);
        writer.WriteStartArray("parts");
        foreach (var content in message.Contents)
        {
            writer.WriteStartObject();
            switch (content)
            {
                case TextContent text:
                    writer.WriteString("type", "text");
                    writer.WriteString("content", scrubber.Scrub(text.Text) ?? string.Empty);
                    break;
                case TextReasoningContent reasoning:
                    writer.WriteString("type", "reasoning");
                    writer.WriteString("content", scrubber.Scrub(reasoning.Text) ?? string.Empty);
                    break;
                case UriContent uri:
                    writer.WriteString("type", "uri");
                    writer.WriteString("mime_type", uri.MediaType);
                    writer.WriteString("uri", scrubber.Scrub(uri.Uri.ToString()));
                    break;
                case DataContent data:
                    writer.WriteString("type", "blob");
                    writer.WriteString("mime_type", data.MediaType);
                    break;
                default:
                    writer.WriteString("type", content.GetType().Name);
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (finishReason is { } reason) writer.WriteString("finish_reason", reason.Value);
        writer.WriteEndObject();
    }
}
