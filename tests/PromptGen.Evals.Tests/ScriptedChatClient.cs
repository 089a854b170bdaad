using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Evals.Providers;

namespace PromptGen.Evals.Tests;

/// <summary>A chat client that answers with an async function of (call number from 1, last user text) and counts its calls.</summary>
internal sealed class ScriptedChatClient : IChatClient, IEvalChatClientFactory
{
    private readonly Func<int, string, CancellationToken, Task<string>> _answer;
    private int _calls;

    public ScriptedChatClient(Func<int, string, CancellationToken, Task<string>> answer) => _answer = answer;

    public ScriptedChatClient(Func<string, string> answer)
        : this((_, text, _) => Task.FromResult(answer(text)))
    {
    }

    public int Calls => Volatile.Read(ref _calls);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        var text = await _answer(call, messages.LastOrDefault()?.Text ?? string.Empty, cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { ModelId = "scripted", FinishReason = ChatFinishReason.Stop };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
            yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    /// <summary>As a user factory, this client answers every role.</summary>
    public IChatClient CreateChatClient(EvalClientRole role, EvalProviderOptions options) => new NonDisposing(this);

    public void Dispose()
    {
    }

    private sealed class NonDisposing : DelegatingChatClient
    {
        public NonDisposing(IChatClient inner)
            : base(inner)
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
