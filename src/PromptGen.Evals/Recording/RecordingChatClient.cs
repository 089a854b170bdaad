using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Evals.Providers;

namespace PromptGen.Evals.Recording;

/// <summary>
/// An <see cref="IChatClient"/> that answers from, and records into, a <see cref="RecordingStore"/> according to the
/// store's <see cref="EvalMode"/>. The case and trial come from <see cref="RecordingContext.Current"/> unless an
/// accessor is given. Streamed calls are recorded with their chunks and replayed chunk by chunk.
/// </summary>
public sealed class RecordingChatClient : DelegatingChatClient
{
    /// <summary>Set in <see cref="ChatResponse.AdditionalProperties"/> to <c>true</c> on answers that came from the recordings.</summary>
    public const string ReplayedProperty = "promptgen.replayed";

    private readonly RecordingStore _store;
    private readonly RecordingKind _kind;
    private readonly Func<RecordingContext?>? _context;

    /// <param name="innerClient">The real model client (called in auto, record and live modes).</param>
    /// <param name="store">The recordings of the eval file being run.</param>
    /// <param name="kind"><see cref="RecordingKind.Chat"/> for the prompt under test, <see cref="RecordingKind.Judge"/> for a judge.</param>
    /// <param name="context">Explicit case and trial; defaults to <see cref="RecordingContext.Current"/>.</param>
    public RecordingChatClient(IChatClient innerClient, RecordingStore store, RecordingKind kind = RecordingKind.Chat, Func<RecordingContext?>? context = null)
        : base(innerClient)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        if (kind == RecordingKind.Embedding)
            throw new ArgumentException("A chat client records chat or judge calls.", nameof(kind));
        _kind = kind;
        _context = context;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (_store.PassesCallsThrough())
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);

        var mode = _store.Mode;
        var messageList = messages as IList<ChatMessage> ?? messages.ToList();
        var context = RecordingContext.Of(_context);
        var request = CanonicalRequest.ForChat(messageList, options);
        var key = CanonicalRequest.Key(_kind, context.Trial, request);

        if (mode != EvalMode.Record && _store.Find(context.CaseId, context.Trial, _kind, key, request, context.Arm) is { } recorded)
        {
            var replayed = ToChatResponse(recorded.Response);
            // An experiment reports recorded latencies only: a hand-written answer took no time, whatever replaying it took.
            if (context.Arm is not null && recorded.Response.LatencyMs is null)
                replayed.AdditionalProperties![ResilientChatClient.LatencyProperty] = TimeSpan.Zero;
            return replayed;
        }
        if (mode == EvalMode.Replay)
            throw _store.CreateMissingException(context.CaseId, context.Trial, _kind, key, request);

        var response = await base.GetResponseAsync(messageList, options, cancellationToken).ConfigureAwait(false);
        var recordedResponse = FromChatResponse(response);
        if (context.Arm is not null && ResilientChatClient.LatencyOf(response) is { } latency)
        {
            // Experiments replay their latencies too, so a replayed comparison is the recorded one.
            recordedResponse = recordedResponse with { LatencyMs = (long)Math.Round(latency.TotalMilliseconds) };
        }

        _store.Save(context.Entry(_kind, key, request, recordedResponse));
        return response;
    }

    /// <inheritdoc />
    /// <remarks>
    /// A streamed answer is recorded with its chunks and replayed chunk by chunk; an answer recorded whole is replayed as
    /// the updates of one response.
    /// </remarks>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_store.PassesCallsThrough())
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
                yield return update;
            yield break;
        }

        var mode = _store.Mode;
        var messageList = messages as IList<ChatMessage> ?? messages.ToList();
        // Streamed calls are looked up and recorded without their experiment arm.
        var context = RecordingContext.Of(_context) with { Arm = null };
        var request = CanonicalRequest.ForChat(messageList, options);
        var key = CanonicalRequest.Key(_kind, context.Trial, request);
        if (mode != EvalMode.Record && _store.Find(context.CaseId, context.Trial, _kind, key, request) is { } recorded)
        {
            foreach (var update in RecordedStream.Updates(recorded.Response, ToChatResponse))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return update;
            }
            yield break;
        }
        if (mode == EvalMode.Replay)
            throw _store.CreateMissingException(context.CaseId, context.Trial, _kind, key, request);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(messageList, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }
        _store.Save(context.Entry(_kind, key, request, FromChatResponse(updates.ToChatResponse()) with { Chunks = RecordedStream.ChunksOf(updates) }));
    }

    internal static RecordedResponse FromChatResponse(ChatResponse response) => new()
    {
        Text = response.Text,
        ToolCalls = response.Messages
            .SelectMany(m => m.Contents.OfType<FunctionCallContent>())
            .Select(c => new RecordedToolCall(c.CallId, c.Name, JsonSerializer.Serialize(c.Arguments, AIJsonUtilities.DefaultOptions)))
            .ToList(),
        FinishReason = response.FinishReason?.Value,
        ModelId = response.ModelId,
        InputTokens = response.Usage?.InputTokenCount,
        OutputTokens = response.Usage?.OutputTokenCount,
        TotalTokens = response.Usage?.TotalTokenCount,
    };

    internal static ChatResponse ToChatResponse(RecordedResponse recorded)
    {
        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(recorded.Text))
            contents.Add(new TextContent(recorded.Text));
        foreach (var call in recorded.ToolCalls)
            contents.Add(new FunctionCallContent(call.CallId, call.Name, ParseArguments(call.ArgumentsJson)));
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, contents))
        {
            ModelId = recorded.ModelId,
            FinishReason = recorded.FinishReason is null ? null : new ChatFinishReason(recorded.FinishReason),
            AdditionalProperties = new AdditionalPropertiesDictionary { [ReplayedProperty] = true },
        };
        if (recorded.LatencyMs is long latencyMs)
            response.AdditionalProperties[ResilientChatClient.LatencyProperty] = TimeSpan.FromMilliseconds(latencyMs);
        if (recorded.InputTokens is not null || recorded.OutputTokens is not null || recorded.TotalTokens is not null)
        {
            response.Usage = new UsageDetails
            {
                InputTokenCount = recorded.InputTokens,
                OutputTokenCount = recorded.OutputTokens,
                TotalTokenCount = recorded.TotalTokens ?? (recorded.InputTokens ?? 0) + (recorded.OutputTokens ?? 0),
            };
        }
        return response;
    }

    private static IDictionary<string, object?>? ParseArguments(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
