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
/// whole parse (bar: at most 10).
/// </summary>
[MemoryDiagnoser]
public class StreamParseBenchmarks
{
    private readonly string _json = LargeTriageJson();
    private ChatResponseUpdate[] _updates = Array.Empty<ChatResponseUpdate>();
    private ReplayClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _updates = Enumerable.Range(0, (_json.Length + 3) / 4)
            .Select(i => new ChatResponseUpdate(ChatRole.Assistant, _json.Substring(i * 4, Math.Min(4, _json.Length - i * 4))))
            .ToArray();
        _client = new ReplayClient(_updates);
    }

    [Benchmark(Baseline = true, Description = "whole Parse")]
    public TriageTicketPrompt.Output WholeParse() => TriageTicketPrompt.Parse(_json);

    [Benchmark(Description = "stream parse, 1-token chunks")]
    public async Task<TriageTicketPrompt.Output> StreamParse()
    {
        var stream = TriageTicketPrompt.StreamAsync(_client, new TriageTicketPrompt.Input("I cannot export invoices"));
        await foreach (var _ in stream.ConfigureAwait(false))
        {
        }

        return (await stream.GetResultAsync().ConfigureAwait(false)).Value;
    }

    internal async Task<int> EnumerateOnly()
    {
        var n = 0;
        await foreach (var u in _client.GetStreamingResponseAsync(Array.Empty<ChatMessage>()).ConfigureAwait(false)) n += u.Text.Length;
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

    /// <summary>Streams the prepared updates without waiting: the parse is what is measured.</summary>
    private sealed class ReplayClient : IChatClient
    {
        private readonly ChatResponseUpdate[] _updates;

        public ReplayClient(ChatResponseUpdate[] updates) => _updates = updates;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask.ConfigureAwait(false);
            foreach (var update in _updates) yield return update;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
