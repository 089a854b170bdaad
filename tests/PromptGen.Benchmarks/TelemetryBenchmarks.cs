using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using PromptGen.Benchmarks.Prompts;
using PromptGen.Telemetry;

namespace PromptGen.Benchmarks;

/// <summary>
/// A generated <c>RunAsync</c> over a chat client that answers at once with clean JSON, with nobody listening to
/// PromptGen's ActivitySource and Meter and with both listened to (every span recorded, every measurement taken).
/// The difference in allocated bytes is what telemetry costs; without a listener it allocates nothing.
/// </summary>
[MemoryDiagnoser]
public class TelemetryBenchmarks
{
    private readonly IChatClient _client = new InstantChatClient(BenchmarkData.CleanTriageJson);
    private readonly TriageTicketPrompt.Input _input = new("I was charged twice for order 1182.");
    private ActivityListener? _activityListener;
    private MeterListener? _meterListener;

    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!Listening) return;
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PromptGenTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PromptGenTelemetry.MeterName) listener.EnableMeasurementEvents(instrument);
            },
        };
        _meterListener.SetMeasurementEventCallback<long>((_, _, _, _) => { });
        _meterListener.SetMeasurementEventCallback<double>((_, _, _, _) => { });
        _meterListener.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _activityListener?.Dispose();
        _meterListener?.Dispose();
    }

    [Benchmark(Description = "generated RunAsync")]
    public async Task<TriageTicketPrompt.Category> RunAsync() => (await TriageTicketPrompt.RunAsync(_client, _input)).Value.Category;

    /// <summary>Answers every request with the same completed response, so that only PromptGen's own work is measured.</summary>
    private sealed class InstantChatClient : IChatClient
    {
        private readonly Task<ChatResponse> _response;

        public InstantChatClient(string text) =>
            _response = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
            {
                ModelId = "gpt-4o-mini",
                Usage = new UsageDetails { InputTokenCount = 40, OutputTokenCount = 30 },
            });

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => _response;

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
