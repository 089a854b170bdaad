using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace PromptGen.Evals.Tests.Providers;

/// <summary>
/// Streamed chat answers for <see cref="FakeOpenAIServer"/>: server-sent events in the OpenAI chat-completions chunk
/// format (one <c>data:</c> event per content delta, a final event with the finish reason and usage, then <c>[DONE]</c>).
/// </summary>
internal static class FakeOpenAIStreams
{
    /// <summary>True when the request asked for a streamed answer (<c>"stream": true</c>).</summary>
    public static bool IsStreamRequest(ReceivedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
    }

    /// <summary>An answer streamed as <paramref name="chunks"/>, one event each.</summary>
    public static ScriptedResponse ChatStream(IEnumerable<string> chunks, int promptTokens = 10, int completionTokens = 5, string model = "test-model")
    {
        var body = new StringBuilder();
        void Event(object payload) => body.Append("data: ").Append(JsonSerializer.Serialize(payload)).Append("\n\n");
        Event(Chunk(model, new { role = "assistant", content = "" }, null));
        foreach (var chunk in chunks)
            Event(Chunk(model, new { content = chunk }, null));
        Event(Chunk(model, new { }, "stop"));
        Event(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion.chunk",
            created = 1700000000,
            model,
            choices = System.Array.Empty<object>(),
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        });
        body.Append("data: [DONE]\n\n");
        return new ScriptedResponse(200, body.ToString(), new Dictionary<string, string> { ["Content-Type"] = "text/event-stream" });
    }

    /// <summary>
    /// An assistant turn that only calls one tool, streamed: the call's id and name in the first <c>delta.tool_calls</c>
    /// event, then its JSON arguments in pieces of about <paramref name="size"/> characters, one event each, as OpenAI
    /// streams them; the last event has <c>finish_reason: tool_calls</c>.
    /// </summary>
    public static ScriptedResponse ToolCallStream(string id, string name, string argumentsJson, int size, string model = "test-model")
    {
        var body = new StringBuilder();
        void Event(object payload) => body.Append("data: ").Append(JsonSerializer.Serialize(payload)).Append("\n\n");
        Event(Chunk(model, new { role = "assistant", content = (string?)null, tool_calls = new[] { new { index = 0, id, type = "function", function = new { name, arguments = "" } } } }, null));
        foreach (var piece in Split(argumentsJson, size))
            Event(Chunk(model, new { tool_calls = new[] { new { index = 0, function = new { arguments = piece } } } }, null));
        Event(Chunk(model, new { }, "tool_calls"));
        body.Append("data: [DONE]\n\n");
        return new ScriptedResponse(200, body.ToString(), new Dictionary<string, string> { ["Content-Type"] = "text/event-stream" });
    }

    /// <summary>
    /// <paramref name="text"/> cut into pieces of about <paramref name="size"/> characters, never inside a surrogate pair
    /// (each event is JSON, which cannot carry half a character).
    /// </summary>
    public static IEnumerable<string> Split(string text, int size)
    {
        for (var start = 0; start < text.Length;)
        {
            var length = System.Math.Min(size, text.Length - start);
            if (char.IsHighSurrogate(text[start + length - 1]) && start + length < text.Length) length++;
            yield return text.Substring(start, length);
            start += length;
        }
    }

    private static object Chunk(string model, object delta, string? finishReason) => new
    {
        id = "chatcmpl-test",
        @object = "chat.completion.chunk",
        created = 1700000000,
        model,
        choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
    };
}
