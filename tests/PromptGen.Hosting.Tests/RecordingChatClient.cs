using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptGen.Hosting.Tests;

/// <summary>
/// A fake model that answers every request with <see cref="Answer"/> (hand-written) and keeps each request's messages
/// and options, so tests assert on what a generated call actually sent.
/// </summary>
internal sealed class RecordingChatClient : IChatClient
{
    public RecordingChatClient(string answer = "{\"category\": \"billing\", \"summary\": \"Charged twice.\"}") => Answer = answer;

    public string Answer { get; set; }

    /// <summary>Answers given first, one per request, before <see cref="Answer"/>.</summary>
    public Queue<string> FirstAnswers { get; } = new();

    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Requests { get; } = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        string answer;
        lock (Requests)
        {
            Requests.Add((messages.ToList(), options));
            answer = FirstAnswers.Count > 0 ? FirstAnswers.Dequeue() : Answer;
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)) { ModelId = options?.ModelId });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
