using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using PromptGen.Benchmarks.Prompts;

namespace PromptGen.Benchmarks;

/// <summary>
/// A 20 KB JSON answer streamed in 1-token chunks (about 4 characters each) through the generated
/// <c>TriageTicketStreamAsync</c>, every partial value enumerated and the final result parsed, against one whole
/// generated <c>Parse</c> of the same text. The key <c>stream_parse_vs_whole_parse</c> is the streaming cost over the
/// whole parse (bar: at most 10), with a client whose enumerator hands over the prepared updates as completed
/// <see cref="ValueTask{TResult}"/>s, so that what is timed is PromptGen's side of the stream; the same stream from a
/// client written as a C# async iterator (the shape of real clients, whose own state machine then costs about a
/// sixth of the total) is the key <c>stream_parse_vs_whole_parse_async_iterator_client</c>.
/// </summary>
[MemoryDiagnoser]
public class StreamParseBenchmarks
{
    private readonly string _json = LargeTriageJson();
    private ChatResponseUpdate[] _updates = Array.Empty<ChatResponseUpdate>();
    private ReplayClient _client = null!;
    private ReplayClient _asyncIteratorClient = null!;

    // The stream's code takes over a second to reach its final tier (SteadyState), longer than the --quick job's warm-up;
    // the whole parse is warmed the same way, so that both sides of the ratio are timed in their final code.
    [GlobalSetup(Target = nameof(WholeParse))]
    public void SetupWholeParse()
    {
        Setup();
        SteadyState.WarmUpAndLog(() => WholeParse());
    }

    [GlobalSetup(Target = nameof(StreamParse))]
    public void SetupStreamParse()
    {
        Setup();
        SteadyState.WarmUpAndLog(() => StreamParse().GetAwaiter().GetResult());
    }

    [GlobalSetup(Target = nameof(StreamParseAsyncIteratorClient))]
    public void SetupStreamParseAsyncIteratorClient()
    {
        Setup();
        SteadyState.WarmUpAndLog(() => StreamParseAsyncIteratorClient().GetAwaiter().GetResult());
    }

    /// <summary>The updates and the clients (also for the --profile and --interleave modes, which warm up themselves).</summary>
    public void Setup()
    {
        _updates = Enumerable.Range(0, (_json.Length + 3) / 4)
            .Select(i => new ChatResponseUpdate(ChatRole.Assistant, _json.Substring(i * 4, Math.Min(4, _json.Length - i * 4))))
            .ToArray();
        _client = new ReplayClient(_updates, asyncIterator: false);
        _asyncIteratorClient = new ReplayClient(_updates, asyncIterator: true);
    }

    [Benchmark(Baseline = true, Description = "whole Parse")]
    public TriageTicketPrompt.Output WholeParse() => TriageTicketPrompt.Parse(_json);

    // The two streaming benchmarks have a method each (not one shared helper), so that what the JIT learns from one
    // client's enumerator while tiering up does not shape the code the other is measured with.
    [Benchmark(Description = "stream parse, 1-token chunks")]
    public async Task<TriageTicketPrompt.Output> StreamParse()
    {
        var stream = TriageTicketPrompt.StreamAsync(_client, new TriageTicketPrompt.Input("I cannot export invoices"));
        await foreach (var _ in stream.ConfigureAwait(false))
        {
        }

        return (await stream.GetResultAsync().ConfigureAwait(false)).Value;
    }

    [Benchmark(Description = "stream parse, 1-token chunks, async-iterator client")]
    public async Task<TriageTicketPrompt.Output> StreamParseAsyncIteratorClient()
    {
        var stream = TriageTicketPrompt.StreamAsync(_asyncIteratorClient, new TriageTicketPrompt.Input("I cannot export invoices"));
        await foreach (var _ in stream.ConfigureAwait(false))
        {
        }

        return (await stream.GetResultAsync().ConfigureAwait(false)).Value;
    }

    internal Task<int> EnumerateOnly() => Enumerate(_client);

    internal Task<int> EnumerateAsyncIteratorOnly() => Enumerate(_asyncIteratorClient);

    private static async Task<int> Enumerate(IChatClient client)
    {
        var n = 0;
        await foreach (var u in client.GetStreamingResponseAsync(Array.Empty<ChatMessage>()).ConfigureAwait(false)) n += u.Text.Length;
        return n;
    }

    internal ChatResponse ToResponse() => _updates.ToChatResponse();

    internal int ReaderOnly()
    {
        var r = new PromptGen.Streaming.StreamingJsonReader();
        foreach (var u in _updates) r.Append(u.Text);
        return (int)r.Version;
    }

    // The generated reader of the partial output (internal to this assembly, in the prompt's codec).
    private static readonly PromptGen.Streaming.PartialRecordReader<TriageTicketPrompt.PartialOutput> s_project = TriageTicketPrompt.JsonCodec.PartialOutputReader;

    internal int ProjectOnly()
    {
        var r = new PromptGen.Streaming.StreamingJsonReader();
        var n = 0;
        object? last = null;
        foreach (var u in _updates)
        {
            r.Append(u.Text);
            if (r.Root is null) continue;
            var next = s_project.Read(r.Root);
            if (!ReferenceEquals(next, last)) n++;
            last = next;
        }
        return n;
    }

    /// <summary>About 20 KB: the triage output with a long summary and many tags.</summary>
    internal static string LargeTriageJson()
    {
        var tags = string.Join(",", Enumerable.Range(0, 700).Select(i => $"\"tag-{i:D4}-x\""));
        var summary = string.Concat(Enumerable.Repeat("Customer cannot export invoices as CSV. ", 110));
        return "{\"category\":\"how-to\",\"priority\":2,\"confidence\":0.87,\"summary\":\"" + summary + "\",\"tags\":[" + tags +
            "],\"needsHuman\":false,\"customer\":{\"name\":\"Zoë Martin\",\"plan\":\"Business\"}}";
    }

    /// <summary>
    /// Streams the prepared updates without waiting: the parse is what is measured. As a plain enumerator whose
    /// <c>MoveNextAsync</c> completes at once (no state machine of the client's own), or as a C# async iterator.
    /// </summary>
    private sealed class ReplayClient : IChatClient
    {
        private readonly ChatResponseUpdate[] _updates;
        private readonly bool _asyncIterator;

        public ReplayClient(ChatResponseUpdate[] updates, bool asyncIterator)
        {
            _updates = updates;
            _asyncIterator = asyncIterator;
        }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            _asyncIterator ? Iterate(_updates, cancellationToken) : new Updates(_updates);

        private static async IAsyncEnumerable<ChatResponseUpdate> Iterate(
            ChatResponseUpdate[] updates, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask.ConfigureAwait(false);
            foreach (var update in updates) yield return update;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }

        private sealed class Updates(ChatResponseUpdate[] updates) : IAsyncEnumerable<ChatResponseUpdate>
        {
            public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Enumerator(updates);
        }

        private sealed class Enumerator(ChatResponseUpdate[] updates) : IAsyncEnumerator<ChatResponseUpdate>
        {
            private int _next = -1;

            public ChatResponseUpdate Current => updates[_next];

            public ValueTask<bool> MoveNextAsync() => new(++_next < updates.Length);

            public ValueTask DisposeAsync() => default;
        }
    }
}
