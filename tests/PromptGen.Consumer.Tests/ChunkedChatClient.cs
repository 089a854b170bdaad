using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptGen.Consumer.Tests;

/// <summary>
/// An <see cref="IChatClient"/> whose answers stream in given chunks (hand-written test answers). Non-streamed calls
/// answer with the next answer whole. Counts the chunks the caller has pulled.
/// </summary>
internal sealed class ChunkedChatClient : IChatClient
{
    private readonly Queue<string[]> _answers;

    public ChunkedChatClient(params string[][] answers) => _answers = new Queue<string[]>(answers);

    public int StreamRequests { get; private set; }

    public int WholeRequests { get; private set; }

    public int ChunksPulled { get; private set; }

    /// <summary>Set by a test to be cancelled after this many chunks.</summary>
    public Action<int>? AfterChunk { get; set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        WholeRequests++;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(Next())))
        {
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StreamRequests++;
        var chunks = Next();
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            ChunksPulled++;
            AfterChunk?.Invoke(ChunksPulled);
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk);
        }

        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            Contents = { new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = 7, TotalTokenCount = 17 }) },
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private string[] Next() => _answers.Count > 0 ? _answers.Dequeue() : throw new InvalidOperationException("The fake client has no more answers.");

    /// <summary><paramref name="text"/> cut into pieces of <paramref name="size"/> characters.</summary>
    public static string[] Split(string text, int size) =>
        Enumerable.Range(0, (text.Length + size - 1) / size).Select(i => text.Substring(i * size, Math.Min(size, text.Length - i * size))).ToArray();
}
