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
// One answer in 20 needs repairs (prose, a code fence, a trailing comma, a wrong-case enum); the others are clean JSON.
//
// Usage:
//   (no arguments)             record in a temporary folder, then replay 5 times in this process and print each time
//   --prepare <folder>         write the prompt and the eval file into <folder> and record the answers (not timed)
//   --replay-once <folder>     one replay of <folder>, cold, reports written to <folder>/reports; prints the runner time
//                              and the time since this process started as "eval-replay runner_ms=... process_ms=..."
// eng/bench.sh runs --prepare, then --replay-once in a new process and times that process from the outside too.
const int Cases = 1000;
const int Runs = 5;

if (args.Length == 2 && args[0] == "--prepare")
{
    var prepared = Prepare(Path.GetFullPath(args[1]));
    var recordedRun = await EvalRunner.RunAsync(Request(prepared, EvalMode.Record, update: true, reports: false));
    Console.WriteLine($"recorded {recordedRun.Suites.Sum(s => s.Result.Cases.Count)} cases in {recordedRun.Duration.TotalSeconds:0.000} s; gate passed: {recordedRun.Passed}");
    return recordedRun.Passed ? 0 : 1;
}

if (args.Length == 2 && args[0] == "--replay-once")
{
    var folderToReplay = Path.GetFullPath(args[1]);
    var result = await EvalRunner.RunAsync(Request((folderToReplay, Path.Combine(folderToReplay, "Prompts", "Classify.eval.yaml")), EvalMode.Replay, update: false, reports: true));
    var processMs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
    if (!result.Passed || result.Suites.Single().Result.Cases.Count != Cases || result.Reports is null) throw new InvalidOperationException("the replayed run did not pass or wrote no reports");
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "eval-replay runner_ms={0:0} process_ms={1:0} cases={2}", result.Duration.TotalMilliseconds, processMs, Cases));
    return 0;
}

var folder = Path.Combine(Path.GetTempPath(), "promptgen-evalrunner-benchmark-" + Guid.NewGuid().ToString("N"));
try
{
    var project = Prepare(folder);
    var recorded = await EvalRunner.RunAsync(Request(project, EvalMode.Record, update: true, reports: false));
    Console.WriteLine($"recorded {recorded.Suites.Sum(s => s.Result.Cases.Count)} cases in {recorded.Duration.TotalSeconds:0.000} s; gate passed: {recorded.Passed}");

    var times = new List<double>();
    for (var run = 0; run < Runs; run++)
    {
        var result = await EvalRunner.RunAsync(Request(project, EvalMode.Replay, update: false, reports: false));
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

return 0;

static (string Folder, string EvalPath) Prepare(string folder)
{
    Directory.CreateDirectory(Path.Combine(folder, "Prompts"));
    File.Copy(Path.Combine(AppContext.BaseDirectory, "Prompts", "Classify.prompt"), Path.Combine(folder, "Prompts", "Classify.prompt"), overwrite: true);
    var evalPath = Path.Combine(folder, "Prompts", "Classify.eval.yaml");
    File.WriteAllText(evalPath, EvalFile(Cases));
    return (folder, evalPath);
}

static EvalRunRequest Request((string Folder, string EvalPath) project, EvalMode mode, bool update, bool reports) => new()
{
    ProjectDirectory = project.Folder,
    EvalFiles = new[] { project.EvalPath },
    Prompts = PromptGenCatalog.Prompts,
    Mode = mode,
    UpdateBaseline = update,
    ReportDirectory = reports ? Path.Combine(project.Folder, "reports") : null,
    ClientFactory = new FakeModelFactory(),
    MaxConcurrency = Environment.ProcessorCount,
};

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

    private static int s_answers;

    private sealed class FakeModel : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var text = string.Concat(messages.Select(m => m.Text));
            var billing = text.Contains("refund", StringComparison.Ordinal);
            var answer = billing
                ? "{\"category\":\"billing\",\"summary\":\"The customer wants a refund.\"}"
                : "{\"category\":\"technical\",\"summary\":\"The app crashes.\"}";
            if (Interlocked.Increment(ref s_answers) % 20 == 0)
            {
                // An answer that needs repairs: prose, a code fence, a wrong-case enum and a trailing comma.
                answer = billing
                    ? "Sure, here it is:\n```json\n{\"category\": \"Billing\", \"summary\": \"The customer wants a refund.\",}\n```"
                    : "Sure, here it is:\n```json\n{\"category\": \"Technical\", \"summary\": \"The app crashes.\",}\n```";
            }

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
