using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.EvalRunner.Benchmark;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;

// 1,000 cases of a generated prompt: recorded once through a fake model, then replayed, scored and gated (timed).
const int Cases = 1000;
const int Runs = 5;
var folder = Path.Combine(Path.GetTempPath(), "promptgen-evalrunner-benchmark-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(Path.Combine(folder, "Prompts"));
try
{
    File.Copy(Path.Combine(AppContext.BaseDirectory, "Prompts", "Classify.prompt"), Path.Combine(folder, "Prompts", "Classify.prompt"));
    var evalPath = Path.Combine(folder, "Prompts", "Classify.eval.yaml");
    File.WriteAllText(evalPath, EvalFile(Cases));
    var prompts = PromptGenCatalog.Prompts;

    EvalRunRequest Request(EvalMode mode, bool update) => new()
    {
        ProjectDirectory = folder,
        EvalFiles = new[] { evalPath },
        Prompts = prompts,
        Mode = mode,
        UpdateBaseline = update,
        ClientFactory = new FakeModelFactory(),
        MaxConcurrency = Environment.ProcessorCount,
    };

    var recorded = await EvalRunner.RunAsync(Request(EvalMode.Record, update: true));
    Console.WriteLine($"recorded {recorded.Suites.Sum(s => s.Result.Cases.Count)} cases in {recorded.Duration.TotalSeconds:0.000} s; gate passed: {recorded.Passed}");

    var times = new List<double>();
    for (var run = 0; run < Runs; run++)
    {
        var result = await EvalRunner.RunAsync(Request(EvalMode.Replay, update: false));
        if (!result.Passed || result.Suites.Single().Result.Cases.Count != Cases) throw new InvalidOperationException("the replayed run did not pass");
        times.Add(result.Duration.TotalSeconds);
        Console.WriteLine($"replay run {run + 1}: {Cases} cases run, scored and gated in {result.Duration.TotalSeconds:0.000} s of runner time");
    }

    times.Sort();
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "replay of {0} cases: best {1:0.000} s, median {2:0.000} s (bar: under 2 s)", Cases, times[0], times[times.Count / 2]));
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static string EvalFile(int cases)
{
    var builder = new StringBuilder("gate: { min-pass-rate: 0.9 }\ncases:\n");
    for (var i = 0; i < cases; i++)
    {
        var billing = i % 2 == 0;
        builder.Append("  - id: case-").Append(i.ToString("0000", CultureInfo.InvariantCulture)).Append('\n')
            .Append("    input: { ticket: \"").Append(billing ? "Please refund order " : "The app crashes on screen ").Append(i).Append("\" }\n")
            .Append("    assert:\n")
            .Append("      - { path: category, equals: ").Append(billing ? "billing" : "technical").Append(" }\n")
            .Append("      - { path: summary, icontains-any: [refund, crash] }\n")
            .Append("      - parse-clean\n");
    }

    return builder.ToString();
}

/// <summary>A model that answers from the ticket text, for the one recording run.</summary>
sealed class FakeModelFactory : IEvalChatClientFactory
{
    public IChatClient CreateChatClient(EvalClientRole role, EvalProviderOptions options) => new FakeModel();

    private sealed class FakeModel : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var text = string.Concat(messages.Select(m => m.Text));
            var billing = text.Contains("refund", StringComparison.Ordinal);
            var answer = billing
                ? "{\"category\":\"billing\",\"summary\":\"The customer wants a refund.\"}"
                : "{\"category\":\"technical\",\"summary\":\"The app crashes.\"}";
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)) { Usage = new UsageDetails { InputTokenCount = 20, OutputTokenCount = 12 } });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
