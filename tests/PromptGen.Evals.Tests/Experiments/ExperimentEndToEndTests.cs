using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Catalog;
using PromptGen.Evals.Experiments;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;
using PromptGen.Evals.Tests.Providers;
using PromptGen.Evals.Tests.Running;

namespace PromptGen.Evals.Tests.Experiments;

/// <summary>
/// Experiments end to end against a local OpenAI-compatible server that answers per model id and per variant text:
/// record every arm, compare with the control, replay offline. The model answers are scripted (hand-written) here.
/// </summary>
public sealed class ExperimentEndToEndTests
{
    private const string ConcisePrompt = """
        ---
        input:
          schema:
            type: object
            properties:
              ticket: { type: string }
            required: [ticket]
        output:
          schema:
            type: object
            properties:
              category: { type: string, enum: [billing, technical] }
            required: [category]
        ---
        Concise: {{ticket}}
        """;

    /// <summary>The concise variant as the generated catalog exposes it: its own render, the base's schema.</summary>
    private sealed class ConciseDescriptor : IPromptDescriptor
    {
        private readonly ClassifyDescriptor _base = new();

        public string Name => "Classify";

        public string SourcePath => "Prompts/Classify.concise.prompt";

        public string? OutputJsonSchema => _base.OutputJsonSchema;

        public IList<ChatMessage> RenderJson(JsonElement input) =>
            new List<ChatMessage> { new(ChatRole.User, "Concise: " + input.GetProperty("ticket").GetString()) };

        public ChatOptions CreateOptions() => _base.CreateOptions();

        public PromptJsonParseResult ParseToJson(string modelText) => _base.ParseToJson(modelText);
    }

    private static string Eval(int cases) => "gate: { min-pass-rate: 0 }\ncases:\n" + string.Concat(Enumerable.Range(1, cases).Select(i =>
        $"  - id: case-{i:00}\n    input: {{ ticket: \"refund {i}\" }}\n    assert:\n      - {{ path: category, equals: billing }}\n"));

    /// <summary>
    /// Model <c>model-a</c> answers the concise variant right every time and the base prompt right only for the first
    /// <paramref name="basePasses"/> tickets; <c>model-b</c> answers the base like <c>model-a</c> does.
    /// </summary>
    internal static FakeOpenAIServer Server(int basePasses) => FakeOpenAIServer.Start(request =>
    {
        using var body = JsonDocument.Parse(request.Body);
        var text = body.RootElement.GetProperty("messages").EnumerateArray().Last().GetProperty("content").ToString();
        var model = body.RootElement.GetProperty("model").GetString();
        var ticket = int.Parse(text.Substring(text.LastIndexOf(' ') + 1));
        var right = text.Contains("Concise:", StringComparison.Ordinal) ? model == "model-a" : ticket <= basePasses;
        return FakeOpenAIServer.Chat(right ? """{"category":"billing"}""" : """{"category":"technical"}""", promptTokens: 100, completionTokens: 10, model: model!);
    }, maxRequests: 500);

    internal static (TempFolder Folder, ExperimentRequest Request) Project(int cases, FakeOpenAIServer? server, EvalMode mode, params string[] models)
    {
        var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("Prompts"));
        File.WriteAllText(folder.File("Prompts/Classify.prompt"), ClassifyDescriptor.Prompt);
        File.WriteAllText(folder.File("Prompts/Classify.concise.prompt"), ConcisePrompt);
        File.WriteAllText(folder.File("Prompts/Classify.eval.yaml"), Eval(cases));
        return (folder, Request(folder.Path, server, mode, models));
    }

    private static ExperimentRequest Request(string folder, FakeOpenAIServer? server, EvalMode mode, params string[] models) => new()
    {
        Run = new EvalRunRequest
        {
            ProjectDirectory = folder,
            EvalFiles = new[] { Path.Combine(folder, "Prompts", "Classify.eval.yaml") },
            Prompts = new IPromptDescriptor[] { new ClassifyDescriptor(), new ConciseDescriptor() },
            Mode = mode,
            ReportDirectory = Path.Combine(folder, "reports-" + mode.ToString().ToLowerInvariant()),
            ProviderOptions = server is null
                ? new EvalProviderOptions()
                : new EvalProviderOptions { Endpoint = server.Endpoint, Model = "model-a", ApiKey = "sk-test-experiment-0123456789abcdef", InputPricePerMillionTokens = 1m, OutputPricePerMillionTokens = 4m },
        },
        Variants = new[] { "all" },
        Models = models,
    };

    [Fact]
    public async Task Twenty_five_of_thirty_is_significant_the_report_names_the_better_arm_and_replay_reproduces_the_json()
    {
        await using var server = Server(basePasses: 5);
        var (folder, request) = Project(30, server, EvalMode.Record, "model-a");
        using (folder)
        {
            var recorded = await ExperimentRunner.RunAsync(request);

            Assert.True(recorded.Passed, string.Join("\n", recorded.Findings.Select(f => f.ToMSBuildString())));
            var suite = Assert.Single(recorded.Suites);
            Assert.Equal(new[] { "base/model-a", "concise/model-a" }, suite.Arms.Select(a => a.Arm.Id));
            Assert.Equal("base/model-a", suite.Control);
            var comparison = Assert.Single(suite.Comparisons);
            Assert.Equal((25, 0, 30), (comparison.Improved, comparison.Worsened, comparison.Paired));
            Assert.True(comparison.Significant);
            Assert.Equal("concise/model-a", suite.BetterArm);
            Assert.StartsWith("concise/model-a is better than the control base/model-a: 30/30 vs 5/30", suite.Verdict, StringComparison.Ordinal);
            Assert.Equal(0.2, comparison.MinimumDetectableDifference, 10); // 6 of 30 cases, all the same way
            Assert.Equal(60, server.RequestCount);
            Assert.Equal(0.0042m, suite.Arms[0].Summary.Cost); // 30 calls × (100 tokens × $1 + 10 tokens × $4) per million tokens

            var markdown = File.ReadAllText(Path.Combine(request.Run.ReportDirectory!, ExperimentMarkdownWriter.FileName));
            Assert.StartsWith("**concise/model-a is better", markdown, StringComparison.Ordinal);
            Assert.Contains("| | `base/model-a` (control) | `concise/model-a` |", markdown, StringComparison.Ordinal);
            var html = File.ReadAllText(Path.Combine(request.Run.ReportDirectory!, ExperimentHtmlWriter.FileName));
            Assert.Contains("<svg", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            // Differing cases come first: case-06 (base fails) is listed before case-01 (both pass).
            Assert.True(html.IndexOf(">case-06<", StringComparison.Ordinal) < html.IndexOf(">case-01<", StringComparison.Ordinal));

            // Every arm's calls are in the recordings file under its arm id.
            var entries = RecordingStore.Open(Path.Combine(folder.Path, "Prompts", "Classify.eval.recordings.json"), EvalMode.Replay).Entries;
            Assert.Equal(new[] { "base/model-a", "concise/model-a" }, entries.Select(e => e.Arm).Distinct().OrderBy(a => a, StringComparer.Ordinal));

            // Offline: no server, the same JSON byte for byte.
            var replayRequest = Request(folder.Path, null, EvalMode.Replay, "model-a");
            replayRequest = replayRequest with { Run = replayRequest.Run with { ProviderOptions = request.Run.ProviderOptions with { Endpoint = "http://127.0.0.1:9/v1" } } };
            var replayed = await ExperimentRunner.RunAsync(replayRequest);
            Assert.True(replayed.Passed, string.Join("\n", replayed.Findings.Select(f => f.ToMSBuildString())));
            Assert.Equal(60, server.RequestCount);
            var recordedJson = File.ReadAllBytes(Path.Combine(request.Run.ReportDirectory!, ExperimentJsonWriter.FileName));
            var replayedJson = File.ReadAllBytes(Path.Combine(replayRequest.Run.ReportDirectory!, ExperimentJsonWriter.FileName));
            Assert.Equal(Encoding.UTF8.GetString(recordedJson), Encoding.UTF8.GetString(replayedJson));
            Assert.Equal(recordedJson, replayedJson);
        }
    }

    [Fact]
    public async Task Three_of_four_is_not_significant_and_the_verdict_says_what_the_suite_can_detect()
    {
        await using var server = Server(basePasses: 1);
        var (folder, request) = Project(4, server, EvalMode.Record, "model-a");
        using (folder)
        {
            var result = await ExperimentRunner.RunAsync(request);

            var suite = Assert.Single(result.Suites);
            var comparison = Assert.Single(suite.Comparisons);
            Assert.Equal((3, 0), (comparison.Improved, comparison.Worsened));
            Assert.False(comparison.Significant);
            Assert.Equal(0.25, comparison.PValue, 10);
            Assert.Null(suite.BetterArm);
            Assert.StartsWith("No arm differs significantly from the control base/model-a.", suite.Verdict, StringComparison.Ordinal);
            Assert.Contains("with 4 cases no difference can be significant (at least 6 cases must differ, all the same way)", suite.Verdict, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Models_cross_variants_into_arms_and_the_control_can_be_chosen()
    {
        await using var server = Server(basePasses: 2);
        var (folder, request) = Project(6, server, EvalMode.Record, "model-a", "model-b");
        using (folder)
        {
            var result = await ExperimentRunner.RunAsync(request with { Control = "concise/model-a" });

            var suite = Assert.Single(result.Suites);
            Assert.Equal(new[] { "base/model-a", "base/model-b", "concise/model-a", "concise/model-b" }, suite.Arms.Select(a => a.Arm.Id));
            Assert.Equal("concise/model-a", suite.Control);
            Assert.Equal(new[] { 2, 2, 6, 0 }, suite.Arms.Select(a => a.Summary.Passed));
            Assert.Contains(server.Requests, r => r.Body.Contains("\"model-b\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_estimate_from_recordings_is_within_ten_percent_of_the_recorded_run_and_max_cost_stops_it()
    {
        await using var server = Server(basePasses: 3);
        var (folder, request) = Project(8, server, EvalMode.Record, "model-a");
        using (folder)
        {
            var recorded = await ExperimentRunner.RunAsync(request);
            var spent = recorded.Suites.Single().Arms.Sum(a => a.Summary.Cost!.Value);

            var estimate = ExperimentEstimate.For(request, new[] { "base/model-a", "concise/model-a" });
            Assert.Equal(16, estimate.Calls);
            Assert.Equal(0, estimate.Unknown);
            Assert.InRange(estimate.Cost!.Value, spent * 0.9m, spent * 1.1m);

            var requests = server.RequestCount;
            var stopped = await ExperimentRunner.RunAsync(request with { MaxCost = spent / 2 });
            Assert.Empty(stopped.Suites);
            Assert.Contains("exceeds --max-cost", Assert.Single(stopped.Findings).Message, StringComparison.Ordinal);
            Assert.Equal(requests, server.RequestCount);
        }
    }

    internal const string Block = """
        experiment:
          control: concise/model-a
          variants: all
          models: [model-a, model-b]

        """;

    [Fact]
    public async Task The_experiment_block_declares_the_arms_and_the_control_when_the_request_names_none()
    {
        await using var server = Server(basePasses: 2);
        var (folder, request) = Project(6, server, EvalMode.Record);
        using (folder)
        {
            File.AppendAllText(request.Run.EvalFiles[0], Block);

            var result = await ExperimentRunner.RunAsync(request with { Variants = Array.Empty<string>() });

            Assert.True(result.Passed, string.Join("\n", result.Findings.Select(f => f.ToMSBuildString())));
            var suite = Assert.Single(result.Suites);
            Assert.Equal(new[] { "base/model-a", "base/model-b", "concise/model-a", "concise/model-b" }, suite.Arms.Select(a => a.Arm.Id));
            Assert.Equal("concise/model-a", suite.Control);
            Assert.Equal(new[] { 2, 2, 6, 0 }, suite.Arms.Select(a => a.Summary.Passed));
            Assert.Equal(24, server.RequestCount);
            Assert.Contains(server.Requests, r => r.Body.Contains("\"model-b\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Each_list_the_request_names_replaces_that_list_of_the_block_and_a_control_it_names_replaces_the_blocks()
    {
        await using var server = Server(basePasses: 2);
        var (folder, request) = Project(6, server, EvalMode.Record);
        using (folder)
        {
            File.AppendAllText(request.Run.EvalFiles[0], Block);

            // The request's models, the block's variants (all); the block's control (concise/model-a) is not run now.
            var withoutControl = await ExperimentRunner.RunAsync(request with { Variants = Array.Empty<string>(), Models = new[] { "model-b" } });
            Assert.Empty(withoutControl.Suites);
            Assert.Contains("The control arm 'concise/model-a' is not one of the arms run: base/model-b, concise/model-b; name one of them with --arm-control",
                Assert.Single(withoutControl.Findings).Message, StringComparison.Ordinal);

            var result = await ExperimentRunner.RunAsync(request with { Variants = Array.Empty<string>(), Models = new[] { "model-b" }, Control = "base/model-b" });

            Assert.True(result.Passed, string.Join("\n", result.Findings.Select(f => f.ToMSBuildString())));
            var suite = Assert.Single(result.Suites);
            Assert.Equal(new[] { "base/model-b", "concise/model-b" }, suite.Arms.Select(a => a.Arm.Id));
            Assert.Equal("base/model-b", suite.Control);
            Assert.All(server.Requests, r => Assert.Contains("\"model-b\"", r.Body, StringComparison.Ordinal));

            // The request's variants with the block's models.
            var concise = await ExperimentRunner.RunAsync(request with { Variants = new[] { "concise" } });
            Assert.Equal(new[] { "concise/model-a", "concise/model-b" }, Assert.Single(concise.Suites).Arms.Select(a => a.Arm.Id));
        }
    }

    [Fact]
    public async Task A_block_naming_a_variant_the_prompt_does_not_have_is_PG0506_at_the_name_and_nothing_runs()
    {
        await using var server = Server(basePasses: 2);
        var (folder, request) = Project(2, server, EvalMode.Record);
        using (folder)
        {
            var evalFile = request.Run.EvalFiles[0];
            var lines = File.ReadAllLines(evalFile).Length;
            File.AppendAllText(evalFile, "experiment:\n  variants: [base, consise]\n");

            var result = await ExperimentRunner.RunAsync(request with { Variants = Array.Empty<string>() });

            Assert.False(result.Passed);
            Assert.Empty(result.Suites);
            var finding = Assert.Single(result.Findings);
            Assert.Equal(("PG0506", lines + 2, 20), (finding.Id, finding.Line, finding.Column));
            Assert.Contains("has no variant 'consise'", finding.Message, StringComparison.Ordinal);
            Assert.Contains("Did you mean 'concise'?", finding.Message, StringComparison.Ordinal);
            Assert.Equal(0, server.RequestCount);
        }
    }

    [Fact]
    public async Task A_cancelled_experiment_keeps_the_recordings_of_the_calls_that_completed_under_their_arm_and_writes_no_report()
    {
        // Two answers, then a call that never returns before the test cancels.
        await using var server = FakeOpenAIServer.Start(
            request => FakeOpenAIServer.Chat("""{"category":"billing"}""", model: "model-a") with { Delay = request.Index < 2 ? TimeSpan.Zero : TimeSpan.FromMinutes(3) },
            maxRequests: 10, lifetime: TimeSpan.FromMinutes(4));
        var (folder, request) = Project(4, server, EvalMode.Record, "model-a");
        using (folder)
        {
            request = request with { Run = request.Run with { MaxConcurrency = 1 } };
            using var cancellation = new System.Threading.CancellationTokenSource();
            var running = ExperimentRunner.RunAsync(request, cancellation.Token);
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (server.RequestCount < 3)
            {
                Assert.True(DateTime.UtcNow < deadline, "the third call was never made");
                await Task.Delay(20);
            }

            cancellation.Cancel();
            var cancelled = await Assert.ThrowsAsync<EvalRunCancelledException>(() => running);

            var recordingsFile = Path.Combine(folder.Path, "Prompts", "Classify.eval.recordings.json");
            Assert.Equal(recordingsFile, Assert.Single(cancelled.RecordingsWritten));
            var entries = RecordingStore.Open(recordingsFile, EvalMode.Replay).Entries;
            Assert.Equal(2, entries.Count);
            Assert.All(entries, e => Assert.Equal("base/model-a", e.Arm));
            Assert.False(Directory.Exists(request.Run.ReportDirectory));
        }
    }

    [Fact]
    public async Task Only_update_baseline_with_an_arm_changes_the_baseline_and_it_takes_that_arms_results()
    {
        await using var server = Server(basePasses: 1);
        var (folder, request) = Project(4, server, EvalMode.Record, "model-a");
        using (folder)
        {
            var baselinePath = PromptGen.Evals.Baselines.BaselinePaths.ForEvalFile(request.Run.EvalFiles[0]);
            await ExperimentRunner.RunAsync(request);
            Assert.False(File.Exists(baselinePath));

            var promoted = await ExperimentRunner.RunAsync(request with { PromoteArm = "concise/model-a" });

            Assert.Equal(baselinePath, Assert.Single(promoted.BaselinesWritten));
            var baseline = PromptGen.Evals.Baselines.BaselineStore.TryRead(baselinePath)!;
            Assert.Equal(4, baseline.Cases.Count);
            Assert.All(baseline.Cases.Values, c => Assert.True(c.Passed));
        }
    }
}
