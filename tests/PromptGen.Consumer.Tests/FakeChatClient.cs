using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptGen.Consumer.Tests;

/// <summary>An <see cref="IChatClient"/> that records each request and answers with canned text, in order.</summary>
internal sealed class FakeChatClient : IChatClient
{
    private readonly Queue<string> _answers;

    public FakeChatClient(params string[] answers) => _answers = new Queue<string>(answers);

    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Requests { get; } = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Requests.Add((messages.ToList(), options));
        if (_answers.Count == 0) throw new InvalidOperationException("The fake client has no more answers.");
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, _answers.Dequeue()))
        {
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 },
        };
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
