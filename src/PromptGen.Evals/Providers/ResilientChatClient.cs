using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptGen.Evals.Providers;

/// <summary>
/// A chat client whose calls go through an <see cref="EvalCallPolicy"/> (concurrency, budget, timeout, retries).
/// Streaming calls are collected whole inside the policy, so a failed stream can be retried, then replayed.
/// </summary>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly EvalCallPolicy _policy;

    public ResilientChatClient(IChatClient innerClient, EvalCallPolicy policy)
        : base(innerClient)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var messageList = messages as IList<ChatMessage> ?? messages.ToList();
        return _policy.ExecuteAsync(
            token => base.GetResponseAsync(messageList, options, token),
            response => response.Usage,
            cancellationToken);
    }

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
