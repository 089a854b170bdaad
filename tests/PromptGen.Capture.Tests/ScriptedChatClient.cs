using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptGen.Capture.Tests;

/// <summary>A fake model (hand-written answers): answers every request with the text <see cref="Answer"/> makes of it.</summary>
internal sealed class ScriptedChatClient : IChatClient
{
    public ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, string> answer) => Answer = answer;

    public Func<IReadOnlyList<ChatMessage>, string> Answer { get; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer(messages.ToList())))
        {
            ModelId = "fake-model-1",
            Usage = new UsageDetails { InputTokenCount = 20, OutputTokenCount = 8, TotalTokenCount = 28 },
        };
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
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
