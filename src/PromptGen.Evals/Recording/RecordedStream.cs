using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Security;

namespace PromptGen.Evals.Recording;

/// <summary>Streamed answers in recordings: the chunks kept, written (scrubbed), read back and replayed.</summary>
internal static class RecordedStream
{
    /// <summary>The text of each update that carried text, in order.</summary>
    public static IReadOnlyList<string> ChunksOf(IEnumerable<ChatResponseUpdate> updates) =>
        updates.Select(u => u.Text).Where(t => t.Length > 0).ToList();

    /// <summary>
    /// The chunks to write, each scrubbed. A secret split across two chunks would escape a chunk-by-chunk scrub, so when
    /// the joined scrubbed chunks still differ from the scrubbed text, the chunks collapse into that one scrubbed text.
    /// </summary>
    public static IReadOnlyList<string>? ScrubChunks(RecordedResponse response, SecretScrubber scrubber)
    {
        if (response.Chunks is null)
            return null;
        var scrubbed = response.Chunks.Select(c => scrubber.Scrub(c) ?? string.Empty).ToList();
        var text = scrubber.Scrub(response.Text ?? string.Empty);
        return string.Concat(scrubbed) == text ? scrubbed : new[] { text };
    }

    /// <summary>Reads <c>"chunks"</c>: an array of strings that, joined, equal <c>"text"</c> when both are present.</summary>
    public static IReadOnlyList<string>? ReadChunks(JsonElement response, string? text, Func<string, RecordingFormatException> problem)
    {
        if (!response.TryGetProperty("chunks", out var array) || array.ValueKind == JsonValueKind.Null)
            return null;
        if (array.ValueKind != JsonValueKind.Array)
            throw problem("response \"chunks\" must be an array of strings");
        var chunks = array.EnumerateArray()
            .Select(c => c.ValueKind == JsonValueKind.String ? c.GetString()! : throw problem("response \"chunks\" must be an array of strings"))
            .ToList();
        if (text is not null && string.Concat(chunks) != text)
            throw problem("response \"chunks\" joined must equal \"text\"");
        return chunks;
    }

    /// <summary>
    /// The updates a replay streams: one per recorded chunk, then one with the finish reason, model and usage; an answer
    /// recorded whole streams as the updates of that response.
    /// </summary>
    public static IEnumerable<ChatResponseUpdate> Updates(RecordedResponse recorded, Func<RecordedResponse, ChatResponse> whole)
    {
        var response = whole(recorded);
        if (recorded.Chunks is null)
        {
            foreach (var update in response.ToChatResponseUpdates())
                yield return update;
            yield break;
        }

        var messageId = "replayed";
        foreach (var chunk in recorded.Chunks)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk) { MessageId = messageId, ModelId = response.ModelId };
        }

        var last = new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            MessageId = messageId,
            ModelId = response.ModelId,
            FinishReason = response.FinishReason,
            AdditionalProperties = response.AdditionalProperties,
        };
        foreach (var content in response.Messages.SelectMany(m => m.Contents).Where(c => c is not TextContent))
            last.Contents.Add(content);
        if (response.Usage is not null)
            last.Contents.Add(new UsageContent(response.Usage));
        yield return last;
    }
}
