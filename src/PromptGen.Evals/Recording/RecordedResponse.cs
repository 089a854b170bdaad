namespace PromptGen.Evals.Recording;

/// <summary>A function call the model asked for, as recorded.</summary>
/// <param name="CallId">The call id the model gave.</param>
/// <param name="Name">The function name.</param>
/// <param name="ArgumentsJson">The arguments as a JSON object text.</param>
public sealed record RecordedToolCall(string CallId, string Name, string ArgumentsJson);

/// <summary>A recorded model answer: chat text (with finish reason, usage, model id) or embedding vectors.</summary>
public sealed record RecordedResponse
{
    /// <summary>The assistant text of a chat answer.</summary>
    public string? Text { get; init; }

    /// <summary>
    /// The text of a streamed chat answer as it arrived, one item per update with text; null when the answer was not
    /// streamed. Joined, the chunks are <see cref="Text"/>. Replay streams them back one update each.
    /// </summary>
    public IReadOnlyList<string>? Chunks { get; init; }

    /// <summary>Function calls in a chat answer.</summary>
    public IReadOnlyList<RecordedToolCall> ToolCalls { get; init; } = Array.Empty<RecordedToolCall>();

    /// <summary><c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>, ...</summary>
    public string? FinishReason { get; init; }

    /// <summary>The model that answered, as the provider reported it.</summary>
    public string? ModelId { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public long? TotalTokens { get; init; }

    /// <summary>
    /// How long the call took, in whole milliseconds; recorded for experiment arms only, so that replaying an experiment
    /// reports the recorded latencies and its results are reproducible.
    /// </summary>
    public long? LatencyMs { get; init; }

    /// <summary>Embedding vectors, one per input, for <see cref="RecordingKind.Embedding"/> entries.</summary>
    public IReadOnlyList<float[]> Vectors { get; init; } = Array.Empty<float[]>();
}
