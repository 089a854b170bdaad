using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using PromptGen.Evals.Batch;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Results;
using PromptGen.Evals.Running;
using PromptGen.Evals.Tests.Providers;
using PromptGen.Evals.Tests.Running;

namespace PromptGen.Evals.Tests.Batch;

/// <summary>
/// <c>--batch</c> against a fake batch API on 127.0.0.1. The model's answers are hand-written: a chat call answers
/// billing when the ticket mentions a refund, else other; a judge call passes.
/// </summary>
public sealed class BatchModeTests
{
    private const string Eval = """
        gate: { min-pass-rate: 0 }
        cases:
          - id: refund
            input: { ticket: "Please refund my order" }
            assert:
              - { path: category, equals: billing }
              - llm-rubric: "Names a category"
          - id: login
            input: { ticket: "I cannot log in" }
            assert:
              - { path: category, equals: technical }
          - id: invoice
            input: { ticket: "Refund the invoice twice" }
            assert:
              - { path: category, equals: billing }
        """;

    private static readonly string ApiKey = "sk-" + "batch-test-" + new string('7', 24);

    /// <summary>The hand-written model: the same answer for a direct call and for a batch line.</summary>
    private static string? Model(JsonObject body)
    {
        var model = (string?)body["model"];
        var text = body["messages"]!.ToJsonString();
        var content = model == "judge-model"
            ? "{\"pass\": true, \"score\": 1, \"reason\": \"names one\"}"
            : text.Contains("efund", StringComparison.Ordinal) ? "{\"category\":\"billing\"}" : "{\"category\":\"technical\"}";
        return JsonSerializer.Serialize(new
        {
            id = "chatcmpl-fixed",
            @object = "chat.completion",
            created = 1700000000,
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
        });
    }

    private static EvalProviderOptions Options(string endpoint) => new()
    {
        Endpoint = endpoint,
        Model = "test-model",
        JudgeModel = "judge-model",
        ApiKey = ApiKey,
        MaxRetries = 0,
    };

    private static EvalBatchOptions Fast(string? statePath = null) => new() { StatePath = statePath, PollInterval = TimeSpan.FromMilliseconds(20), PollTimeout = TimeSpan.FromSeconds(30) };

    private static Task<EvalBatchOutcome> RunBatchAsync(EvalProject project, FakeOpenAIServer server, EvalBatchOptions options, EvalMode mode = EvalMode.Auto) =>
        EvalBatchRunner.RunAsync(new EvalRunRequest
        {
            ProjectDirectory = project.Folder,
            EvalFiles = new[] { project.EvalPath },
            Prompts = new[] { project.Prompt },
            Mode = mode,
            ProviderOptions = Options(server.Endpoint),
        }, options);

    [Fact]
    public async Task Answers_returned_out_of_order_are_matched_and_the_recordings_equal_the_direct_providers()
    {
        // The direct provider, for comparison.
        using var direct = new EvalProject(Eval);
        await using (var server = FakeOpenAIServer.Start(r => new ScriptedResponse(200, Model(JsonNode.Parse(r.Body)!.AsObject())!), maxRequests: 20))
        {
            var directResult = await direct.RunAsync(EvalMode.Auto, r => r with { ProviderOptions = Options(server.Endpoint) });
            Assert.True(directResult.Passed, string.Join("\n", directResult.Findings.Select(f => f.Id + " " + f.Line + " " + f.Message)));
            var directBodies = server.Requests.Select(r => CanonicalBody(r.Body)).OrderBy(b => b, StringComparer.Ordinal).ToList();

            using var batched = new EvalProject(Eval);
            var backend = new FakeBatchBackend { Answer = Model };
            await using var batchServer = FakeOpenAIServer.StartAllPaths(backend.Handle, maxRequests: 40);
            var outcome = await RunBatchAsync(batched, batchServer, Fast());

            Assert.Empty(outcome.PendingBatches);
            Assert.True(outcome.Result!.Passed);
            Assert.Equal(0, backend.DirectChatCalls);
            // The judge needs the answer it judges: chat calls go in the first batch, the judge call in a second.
            Assert.Equal(2, backend.SubmittedLines.Count);
            Assert.All(backend.SubmittedLines[0], l => Assert.Contains("|chat|", (string)l["custom_id"]!, StringComparison.Ordinal));
            Assert.Contains("|judge|", (string)Assert.Single(backend.SubmittedLines[1])["custom_id"]!, StringComparison.Ordinal);
            Assert.All(backend.SubmittedLines.SelectMany(b => b), l =>
            {
                Assert.Equal("POST", (string)l["method"]!);
                Assert.Equal("/v1/chat/completions", (string)l["url"]!);
                Assert.StartsWith("Prompts/Classify.eval.yaml|", (string)l["custom_id"]!, StringComparison.Ordinal);
            });
            var batchBodies = backend.SubmittedLines.SelectMany(b => b).Select(l => CanonicalBody(l["body"]!.ToJsonString())).OrderBy(b => b, StringComparer.Ordinal).ToList();
            Assert.Equal(directBodies, batchBodies);
            Assert.Equal(File.ReadAllText(direct.RecordingsPath), File.ReadAllText(batched.RecordingsPath));
            Assert.DoesNotContain(ApiKey, File.ReadAllText(batched.RecordingsPath), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Record_mode_sends_every_call_even_those_the_recordings_answer()
    {
        using var project = new EvalProject(Eval);
        project.Answers(("refund", "{\"category\":\"technical\"}"), ("login", "{\"category\":\"technical\"}"), ("invoice", "{\"category\":\"technical\"}"));
        var backend = new FakeBatchBackend { Answer = Model };
        await using var server = FakeOpenAIServer.StartAllPaths(backend.Handle, maxRequests: 40);

        var outcome = await RunBatchAsync(project, server, Fast(), EvalMode.Record);

        // The hand-written answers would fail refund and invoice: the model's answers, sent in batches, pass them.
        Assert.True(outcome.Result!.Passed, string.Join("\n", outcome.Result.Findings.Select(f => f.Message)));
        Assert.Equal(new[] { 3, 1 }, backend.SubmittedLines.Select(b => b.Count).ToArray());
        Assert.Equal(new[] { "invoice", "login", "refund", "refund" }, project.RecordedCases());
        Assert.Equal(0, backend.DirectChatCalls);
    }

    [Fact]
    public async Task Error_file_lines_are_PG1004_for_those_trials_only()
    {
        using var project = new EvalProject(Eval);
        // The login case's line lands in the error file.
        var backend = new FakeBatchBackend { Answer = body => body["messages"]!.ToJsonString().Contains("log in", StringComparison.Ordinal) ? null : Model(body) };
        await using var server = FakeOpenAIServer.StartAllPaths(backend.Handle, maxRequests: 40);

        var result = (await RunBatchAsync(project, server, Fast())).Result!;

        var cases = Assert.Single(result.Suites).Result.Cases.ToDictionary(c => c.CaseId);
        Assert.Equal(EvalVerdict.Error, cases["login"].Verdict);
        Assert.Equal(EvalVerdict.New, cases["refund"].Verdict); // no baseline yet: new, not failed
        Assert.Equal(EvalVerdict.New, cases["invoice"].Verdict);
        var finding = Assert.Single(result.Findings, f => f.IsError);
        Assert.Equal("PG1004", finding.Id);
        Assert.Contains("HTTP 500: server error", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Findings, f => f.Id is "PG1001" or "PG1002");
        Assert.Equal(new[] { "invoice", "refund" }, project.RecordedCases().Distinct().ToArray());
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("failed")]
    [InlineData("cancelled")]
    public async Task A_batch_that_ends_without_answers_is_PG1004_never_a_regression(string status)
    {
        using var project = new EvalProject(Eval);
        project.Answers(("refund", "{\"category\":\"billing\"}"), ("login", "{\"category\":\"technical\"}"), ("invoice", "{\"category\":\"billing\"}"));
        Assert.True((await project.RunAsync(EvalMode.Replay, r => r with { UpdateBaseline = true, Filter = "login;invoice" })).Passed);
        File.Delete(project.RecordingsPath);
        var backend = new FakeBatchBackend { Answer = Model, FinalStatus = status };
        await using var server = FakeOpenAIServer.StartAllPaths(backend.Handle, maxRequests: 40);

        var result = (await RunBatchAsync(project, server, Fast())).Result!;

        Assert.All(Assert.Single(result.Suites).Result.Cases, c => Assert.Equal(EvalVerdict.Error, c.Verdict));
        Assert.All(result.Findings.Where(f => f.IsError), f => Assert.Equal("PG1004", f.Id));
        Assert.Contains(result.Findings, f => f.Message.Contains($"ended '{status}'", StringComparison.Ordinal));
        Assert.Equal(0, backend.DirectChatCalls);
    }

    [Fact]
    public async Task A_later_runner_with_only_the_state_file_collects_what_an_earlier_one_submitted()
    {
        using var project = new EvalProject(Eval);
        var statePath = Path.Combine(project.Folder, "batch-state.json");
        var backend = new FakeBatchBackend { Answer = Model, Hold = true };
        await using var server = FakeOpenAIServer.StartAllPaths(backend.Handle, maxRequests: 40);

        var said = new Said();
        var first = await RunBatchAsync(project, server, Fast(statePath) with { PollTimeout = TimeSpan.Zero, Progress = said });

        Assert.Null(first.Result);
        Assert.Equal(new[] { "batch_1" }, first.PendingBatches);
        Assert.Equal(3, first.RequestsSubmitted);
        Assert.False(File.Exists(project.RecordingsPath));
        var state = File.ReadAllText(statePath);
        Assert.Contains("batch_1", state, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, state, StringComparison.Ordinal);

        backend.Hold = false;
        var second = await RunBatchAsync(project, server, Fast(statePath) with { Progress = said });

        Assert.True(second.Result!.Passed);
        Assert.Equal(2, backend.SubmittedLines.Count); // the chat batch once, then the judge batch
        Assert.Equal(new[] { "invoice", "login", "refund", "refund" }, project.RecordedCases());
        Assert.Equal(0, backend.DirectChatCalls);
        Assert.Equal(new[] { "batch batch_1: submitted, 3 request(s)", "batch batch_1: in_progress", "batch batch_1: completed", "batch batch_2: submitted, 1 request(s)", "batch batch_2: completed" }, said.Lines);
    }

    [Fact]
    public async Task Polling_stops_at_the_timeout_on_the_injected_clock()
    {
        using var project = new EvalProject(Eval);
        var backend = new FakeBatchBackend { Answer = Model, Hold = true };
        await using var server = FakeOpenAIServer.StartAllPaths(backend.Handle, maxRequests: 60);
        var clock = new JumpingClock();

        var outcome = await RunBatchAsync(project, server, new EvalBatchOptions { TimeProvider = clock, PollInterval = TimeSpan.FromHours(1), PollTimeout = TimeSpan.FromHours(24) });

        Assert.Equal(new[] { "batch_1" }, outcome.PendingBatches);
        Assert.Equal(25, backend.StatusReads); // at 0 h, 1 h, ..., 24 h
        Assert.Equal(TimeSpan.FromHours(24), clock.Elapsed);
    }

    [Fact]
    public void Result_lines_are_matched_by_custom_id_and_unknown_ids_ignored()
    {
        var answers = new Dictionary<string, BatchAnswer>();
        var content = """
            {"custom_id":"b","response":{"status_code":200,"body":{"id":"x"}},"error":null}
            {"custom_id":"stranger","response":{"status_code":200,"body":{"id":"y"}},"error":null}
            {"custom_id":"a","response":null,"error":{"code":"batch_expired","message":"This request could not be executed before the completion window expired."}}
            """;

        EvalBatchRunner.ReadResults(content, "file-1", new HashSet<string> { "a", "b" }, answers);

        Assert.Equal(new[] { "a", "b" }, answers.Keys.OrderBy(k => k).ToArray());
        Assert.Equal("{\"id\":\"x\"}", answers["b"].Body);
        Assert.Contains("completion window expired", answers["a"].Error, StringComparison.Ordinal);
        var malformed = Assert.Throws<EvalProviderException>(() => EvalBatchRunner.ReadResults("{\"custom_id\":", "file-2", new HashSet<string>(), answers));
        Assert.Contains("file-2', line 1", malformed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_request_is_one_jsonl_line_even_when_the_sdk_indents_a_schema_inside_it()
    {
        var body = "{\"model\":\"m\",\"response_format\":{\"schema\":{\n  \"type\": \"object\",\n  \"description\": \"café — 1.50\"\n}},\"temperature\":0.10}";

        var lines = Encoding.UTF8.GetString(EvalBatchRunner.Jsonl(new[] { KeyValuePair.Create("id-1", body), KeyValuePair.Create("id-2", "{}") })).Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.Equal("", lines[2]);
        Assert.Equal("{\"custom_id\":\"id-1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"m\",\"response_format\":{\"schema\":{\"type\":\"object\",\"description\":\"café — 1.50\"}},\"temperature\":0.10}}", lines[0]);
    }

    [Fact]
    public void Requests_are_split_into_batches_by_lines_and_by_bytes()
    {
        var requests = Enumerable.Range(0, 7).Select(i => KeyValuePair.Create("id-" + i, new string('x', 1000))).ToList();

        Assert.Equal(new[] { 3, 3, 1 }, EvalBatchRunner.Chunks(requests, maxLines: 3, maxBytes: long.MaxValue).Select(c => c.Length).ToArray());
        Assert.Equal(new[] { 2, 2, 2, 1 }, EvalBatchRunner.Chunks(requests, maxLines: 50_000, maxBytes: 2600).Select(c => c.Length).ToArray());
        // One request larger than the limit still goes, alone: the API says whether it accepts it.
        Assert.Equal(new[] { 1, 1 }, EvalBatchRunner.Chunks(requests.Take(2), maxLines: 50_000, maxBytes: 10).Select(c => c.Length).ToArray());
    }

    private static string CanonicalBody(string json) => JsonNode.Parse(json)!.ToJsonString();

    private sealed class Said : IProgress<string>
    {
        public List<string> Lines { get; } = new();

        public void Report(string value) => Lines.Add(value);
    }

    /// <summary>A clock whose timers fire at once, moving the time forward by their due time.</summary>
    private sealed class JumpingClock : TimeProvider
    {
        private readonly DateTimeOffset _start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private long _ticks;

        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        public override DateTimeOffset GetUtcNow() => _start + Elapsed;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Add(ref _ticks, dueTime.Ticks);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new NoTimer();
        }

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose() { }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
