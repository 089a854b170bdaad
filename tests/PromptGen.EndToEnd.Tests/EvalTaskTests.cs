using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using BinLogReader = Microsoft.Build.Logging.StructuredLogger.BinLogReader;
using Microsoft.Build.Framework;
using PromptGen.EndToEnd.Tests.Infrastructure;
using PromptGen.Evals.Tests.Providers;

namespace PromptGen.EndToEnd.Tests;

/// <summary>
/// The MSBuild task <c>PromptEval</c> of the packed package: the report files as output items, findings read as
/// structured records and logged with code, eval file, line, column and help link (checked in a binary log), and a build
/// cancelled (SIGINT) during a record run keeping the recordings it received.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class EvalTaskTests(PackedPackages packages)
{
    private const string HelpLinkBase = "https://github.com/promptgen/promptgen/blob/main/docs/diagnostics/";

    /// <summary>
    /// Case ids on lines 3 (refund, critical), 8 (crash), 12 (invoice) and 16 (polite, judged by llm-rubric).
    /// </summary>
    private const string GateEval = """
        gate: { min-pass-rate: 0 }
        cases:
          - id: refund
            critical: true
            input: { ticket: "Please refund my order" }
            assert:
              - { path: category, equals: billing }
          - id: crash
            input: { ticket: "The app crashes on start" }
            assert:
              - { path: category, equals: technical }
          - id: invoice
            input: { ticket: "Where is my invoice?" }
            assert:
              - { path: category, equals: billing }
          - id: polite
            input: { ticket: "Thanks for the quick fix" }
            assert:
              - llm-rubric: "The category fits a thank-you note"
        """;

    /// <summary>Every case answered correctly; the judge passes the polite one.</summary>
    private const string GoodRecordings = """
        { "note": "hand-written", "entries": [
          { "case": "refund", "response": { "text": "{\"category\":\"billing\"}" } },
          { "case": "crash", "response": { "text": "{\"category\":\"technical\"}" } },
          { "case": "invoice", "response": { "text": "{\"category\":\"billing\"}" } },
          { "case": "polite", "response": { "text": "{\"category\":\"technical\"}" } },
          { "case": "polite", "kind": "judge", "response": { "text": "{\"pass\":true,\"score\":1,\"reason\":\"fits\"}" } } ] }
        """;

    /// <summary>
    /// The critical case fails (PG1001), a case that passed in the baseline fails (PG1002), a case has no recording
    /// (PG1003) and the judge answers without a verdict (PG1004).
    /// </summary>
    private const string BadRecordings = """
        { "note": "hand-written", "entries": [
          { "case": "refund", "response": { "text": "{\"category\":\"technical\"}" } },
          { "case": "crash", "response": { "text": "{\"category\":\"billing\"}" } },
          { "case": "polite", "response": { "text": "{\"category\":\"technical\"}" } },
          { "case": "polite", "kind": "judge", "response": { "text": "I cannot say." } } ] }
        """;

    [EndToEndFact]
    public async Task PromptEval_returns_the_reports_logs_each_PG100x_with_its_help_link_in_the_binary_log_and_a_cancelled_record_run_keeps_its_recordings()
    {
        var project = ConsumerProject.Create(packages, "evaltask", EvalProjects.Library(packages.Version), new Dictionary<string, string>
        {
            ["Prompts/Classify.prompt"] = EvalProjects.ClassifyPrompt,
            ["Prompts/Classify.eval.yaml"] = GateEval,
            ["Prompts/Classify.eval.recordings.json"] = GoodRecordings,
        });
        var restore = await project.BuildAsync(restore: true);
        Assert.True(restore.ExitCode == 0, restore.ToString());

        // 1. A passing run writes the baseline and the reports; PromptEval returns the reports as items with their format.
        var passing = await EvalProjects.RunAsync(project, EvalProjects.Offline(), "build", "-t:PromptEval",
            "-p:PromptGenUpdateBaseline=true", "-p:PromptGenEvalReportDir=reports", "-getTargetResult:PromptEval");
        Assert.True(passing.ExitCode == 0, passing.ToString());
        var result = JsonDocument.Parse(passing.StandardOutput).RootElement.GetProperty("TargetResults").GetProperty("PromptEval");
        Assert.Equal("Success", result.GetProperty("Result").GetString());
        var reports = result.GetProperty("Items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("Format").GetString()!, i => i.GetProperty("FullPath").GetString()!);
        Assert.Equal(["html", "json", "junit", "markdown"], reports.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Path.Combine(project.Directory, "reports", "promptgen-evals.junit.xml"), reports["junit"]);
        Assert.All(reports.Values, path => Assert.True(File.Exists(path), path));

        // 1b. A setting the runner refuses: one PG1004 naming the MSBuild property, before anything runs.
        var refused = await EvalProjects.RunAsync(project, EvalProjects.Offline(), "build", "-t:PromptEval",
            "-p:PromptGenEvalFilter=*", "-p:PromptGenEvalMaxConcurrency=-1");
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("error PG1004: The eval settings were refused before anything ran: PromptGenEvalMaxConcurrency must be a whole number from 1, not '-1'", refused.ToString());

        // 2. Every way of failing at once, with a binary log.
        project.WriteFile("Prompts/Classify.eval.recordings.json", BadRecordings);
        var binlog = Path.Combine(project.Directory, "gate.binlog");
        var failing = await EvalProjects.RunAsync(project, EvalProjects.Offline(), "build", "-t:PromptEval", "-bl:" + binlog);
        Assert.True(failing.ExitCode != 0, failing.ToString());

        var errors = ReadErrors(binlog);
        var evalFile = Path.Combine(project.Directory, "Prompts", "Classify.eval.yaml");
        AssertFinding(errors, "PG1001", evalFile, line: 3, "Critical case 'refund' failed");
        AssertFinding(errors, "PG1002", evalFile, line: 8, "Case 'crash' regressed");
        AssertFinding(errors, "PG1003", evalFile, line: 12, "Case 'invoice': recording missing");
        AssertFinding(errors, "PG1004", evalFile, line: 16, "Case 'polite' was not judged");
        // Only findings of the eval file: no error about the runner itself.
        Assert.All(errors, e => Assert.Equal(evalFile, e.File));

        // 3. A record run against a server that answers two calls and then hangs: SIGINT to the build process only (not
        //    to the runner) reaches the task, which asks the runner to stop through its cancel file; both answers are kept.
        if (OperatingSystem.IsWindows()) return; // SIGINT is sent with kill(2)
        await using var server = FakeOpenAIServer.Start(
            request => request.Index < 2
                ? FakeOpenAIServer.Chat("{\"category\":\"billing\"}")
                : FakeOpenAIServer.Chat("{\"category\":\"billing\"}") with { Delay = TimeSpan.FromMinutes(3) },
            maxRequests: 10, lifetime: TimeSpan.FromMinutes(4));
        using var build = DotNetCli.Start(project.Directory, EvalProjects.Online(server.Endpoint),
            "build", project.ProjectFile, "--no-restore", "-nodeReuse:false", "-tl:off", "-t:PromptEval",
            "-p:PromptGenEvalMode=record", "-p:PromptGenEvalMaxConcurrency=1");

        // Two calls answered, the third waiting for its answer: the runner is inside the task.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (server.RequestCount < 3)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The runner did not make its third call.\n" + build.Describe());
            await Task.Delay(100);
        }

        build.Interrupt();
        var cancelled = await build.ExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(cancelled.ExitCode != 0, cancelled.ToString());
        Assert.Contains("PromptGen evals: cancelled", cancelled.Output);
        Assert.DoesNotContain("did not stop within", cancelled.Output);
        Assert.Equal(3, server.RequestCount);
        // The recorded entries (with a key) are the two answers received; the hand-written ones are still there.
        var recordingsFile = Path.Combine(project.Directory, "Prompts", "Classify.eval.recordings.json");
        var entries = JsonDocument.Parse(File.ReadAllText(recordingsFile)).RootElement.GetProperty("entries").EnumerateArray().ToList();
        var answered = server.Requests.Where(r => r.Index < 2).Select(r => CaseOf(r.Body)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, answered.Distinct().Count());
        Assert.Equal(answered, entries.Where(e => e.TryGetProperty("key", out _)).Select(e => e.GetProperty("case").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(4, entries.Count(e => !e.TryGetProperty("key", out _)));
        Assert.False(File.Exists(recordingsFile + ".lock"));
        Assert.DoesNotContain("sk-e2e-secret", cancelled.Output);
    }

    /// <summary>The case of a chat request, from its ticket text.</summary>
    private static string CaseOf(string body) =>
        body.Contains("refund my order", StringComparison.Ordinal) ? "refund"
        : body.Contains("crashes on start", StringComparison.Ordinal) ? "crash"
        : body.Contains("my invoice", StringComparison.Ordinal) ? "invoice"
        : body.Contains("quick fix", StringComparison.Ordinal) ? "polite"
        : throw new InvalidOperationException("Unknown request: " + body);

    private static void AssertFinding(IReadOnlyList<BuildErrorEventArgs> errors, string code, string file, int line, string text)
    {
        var error = errors.SingleOrDefault(e => e.Code == code && e.LineNumber == line);
        Assert.True(error is not null, $"no {code} at line {line} among:\n" + string.Join("\n", errors.Select(e => $"{e.Code} ({e.LineNumber},{e.ColumnNumber}) {e.Message}")));
        Assert.Equal(file, error.File);
        Assert.Equal(9, error.ColumnNumber); // the case id
        Assert.Contains(text, error.Message);
        Assert.EndsWith($"(help: {HelpLinkBase}{code}.md)", error.Message);
        Assert.Equal(code, error.HelpKeyword);
    }

    private static List<BuildErrorEventArgs> ReadErrors(string binlog)
    {
        var errors = new List<BuildErrorEventArgs>();
        var reader = new BinLogReader();
        reader.ErrorRaised += (_, e) => errors.Add(e);
        reader.Replay(binlog);
        return errors;
    }
}
