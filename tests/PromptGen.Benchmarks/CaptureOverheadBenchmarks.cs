using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using PromptGen.Benchmarks.Prompts;
using PromptGen.Capture;

namespace PromptGen.Benchmarks;

/// <summary>
/// What <c>UsePromptCapture</c> adds to one call of a generated prompt: the same <c>RunAsync</c> through a client that
/// answers at once (no network), without capture, with capture of every call, and with capture sampled out. The
/// background writer runs during the measurement, as in an application.
/// </summary>
[MemoryDiagnoser]
public class CaptureOverheadBenchmarks
{
    private readonly TriageTicketPrompt.Input _input = new("I was charged twice for order 1182; please refund the duplicate.");
    private string _folder = string.Empty;
    private PromptCapture? _everyCall;
    private PromptCapture? _sampledOut;
    private IChatClient _plain = null!;
    private IChatClient _captured = null!;
    private IChatClient _notSampled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "promptgen-capture-bench-" + Guid.NewGuid().ToString("N"));
        var model = new InstantChatClient(BenchmarkData.CleanTriageJson);
        _everyCall = new PromptCapture(new PromptCaptureOptions { Path = Path.Combine(_folder, "all.jsonl"), QueueCapacity = 100_000 });
        _sampledOut = new PromptCapture(new PromptCaptureOptions { Path = Path.Combine(_folder, "none.jsonl"), SampleRate = 0 });
        _plain = model;
        _captured = new ChatClientBuilder(model).UsePromptCapture(_everyCall).Build();
        _notSampled = new ChatClientBuilder(model).UsePromptCapture(_sampledOut).Build();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _everyCall?.Dispose();
        _sampledOut?.Dispose();
        Console.WriteLine($"// capture statistics: {_everyCall?.Statistics}");
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Benchmark(Baseline = true, Description = "RunAsync, no capture")]
    public Task<PromptResult<TriageTicketPrompt.Output>> NoCapture() => TriageTicketPrompt.RunAsync(_plain, _input);

    [Benchmark(Description = "RunAsync, every call captured")]
    public Task<PromptResult<TriageTicketPrompt.Output>> EveryCallCaptured() => TriageTicketPrompt.RunAsync(_captured, _input);

    [Benchmark(Description = "RunAsync, capture sampled out")]
    public Task<PromptResult<TriageTicketPrompt.Output>> SampledOut() => TriageTicketPrompt.RunAsync(_notSampled, _input);

    /// <summary>A model that answers at once with the same text (hand-written answer; no I/O).</summary>
    private sealed class InstantChatClient(string answer) : IChatClient
    {
        private readonly Task<ChatResponse> _response = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            ModelId = "instant",
            Usage = new UsageDetails { InputTokenCount = 50, OutputTokenCount = 40, TotalTokenCount = 90 },
        });

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => _response;

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var response = await _response;
            foreach (var update in response.ToChatResponseUpdates()) yield return update;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
