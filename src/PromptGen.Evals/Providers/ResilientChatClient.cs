using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PromptGen.Evals.Providers;

/// <summary>
/// A chat client whose calls go through an <see cref="EvalCallPolicy"/> (concurrency, budget, timeout, retries).
/// Streaming calls are collected whole inside the policy, so a failed stream can be retried, then replayed.
/// </summary>
public sealed class ResilientChatClient(IChatClient innerClient, EvalCallPolicy policy) : DelegatingChatClient(innerClient)
{
    /// <summary>
    /// Set in <see cref="ChatResponse.AdditionalProperties"/> to the <see cref="TimeSpan"/> the answering attempt took:
    /// the latency the <c>latency</c> assertion measures, without waiting for a call slot, failed attempts or
    /// <c>Retry-After</c> waits.
    /// </summary>
    public const string LatencyProperty = "promptgen.latency";

    private readonly EvalCallPolicy _policy = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var messageList = messages as IList<ChatMessage> ?? messages.ToList();
        var (response, latency) = await _policy.ExecuteTimedAsync(
            token => base.GetResponseAsync(messageList, options, token),
            response => response.Usage,
            cancellationToken).ConfigureAwait(false);
        (response.AdditionalProperties ??= new AdditionalPropertiesDictionary())[LatencyProperty] = latency;
        return response;
    }

    /// <summary>The latency <see cref="GetResponseAsync"/> measured for <paramref name="response"/>, if it set one.</summary>
    public static TimeSpan? LatencyOf(ChatResponse response) =>
        response?.AdditionalProperties is { } properties && properties.TryGetValue(LatencyProperty, out var value) && value is TimeSpan latency
            ? latency
            : null;

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var messageList = messages as IList<ChatMessage> ?? messages.ToList();
        var updates = await _policy.ExecuteAsync(
            async token =>
            {
                var collected = new List<ChatResponseUpdate>();
                await foreach (var update in base.GetStreamingResponseAsync(messageList, options, token).ConfigureAwait(false))
                    collected.Add(update);
                return collected;
            },
            collected => collected.ToChatResponse().Usage,
            cancellationToken).ConfigureAwait(false);
        foreach (var update in updates)
            yield return update;
    }
}
