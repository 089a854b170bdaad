using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PromptGen.Cli.Tests;

/// <summary>
/// <c>promptgen eval</c> against a real compiled consumer (PromptGen.Consumer.Tests, whose prompts the source
/// generator compiled): its generated catalog is loaded in its own load context and its render and parse code run.
/// </summary>
public sealed class EvalVerbTests : IDisposable
{
    private const string Eval = """
        cases:
          - id: refund
            critical: true
            input: { ticket: "Please refund order 1182" }
            assert:
              - { path: category, equals: billing }
        """;

    private readonly string _project = Path.Combine(Path.GetTempPath(), "promptgen-cli-eval-" + Guid.NewGuid().ToString("N"));

    public EvalVerbTests()
    {
        Directory.CreateDirectory(Path.Combine(_project, "Prompts"));
        File.Copy(Path.Combine(ConsumerDirectory(), "Prompts", "ClassifyTicket.prompt"), Path.Combine(_project, "Prompts", "ClassifyTicket.prompt"));
        File.WriteAllText(Path.Combine(_project, "Prompts", "ClassifyTicket.eval.yaml"), Eval);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_project, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Answer(string text) => File.WriteAllText(
        Path.Combine(_project, "Prompts", "ClassifyTicket.eval.recordings.json"),
        "{ \"entries\": [ { \"case\": \"refund\", \"response\": { \"text\": " + System.Text.Json.JsonSerializer.Serialize(text) + " } } ] }");

    private CliRun Run(params string[] extra) =>
        CliRun.Of(new[] { "eval", _project, "--assembly", ConsumerAssembly(), "--mode", "replay", "--no-progress" }.Concat(extra).ToArray());

    [Fact]
    public void A_filter_that_matches_no_case_is_a_warning()
    {
        Answer("{\"category\": \"billing\", \"confidence\": 0.9}");

        var matching = Run("--filter", "ref*");
        var mistyped = Run("--filter", "refnud");

        Assert.True(matching.ExitCode == 0, matching.ToString());
        Assert.DoesNotContain("warning", matching.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 of 1 judged cases passed", matching.Stdout, StringComparison.Ordinal);
        Assert.Contains("promptgen eval: warning: --filter 'refnud' matches no case of the 1 eval file(s); nothing was judged.", mistyped.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Passing_suite_prints_a_summary_and_exits_0()
    {
        // Almost-JSON: the generated parser repairs it, exactly as in the application.
        Answer("Sure! {category: 'billing', confidence: 0.9,}");

        var run = Run();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("ClassifyTicket.eval.yaml: gate passed; 1 of 1 judged cases passed (100%)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("smallest detectable drop", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(": error ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Failing_critical_case_is_a_canonical_error_at_its_line_and_exit_1()
    {
        Answer("{\"category\": \"technical\", \"confidence\": 0.4}");

        var run = Run();

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"ClassifyTicket\.eval\.yaml\(2,\d+\): error PG1001: Critical case 'refund' failed", run.Stdout);
    }

    [Fact]
    public void Update_baseline_writes_the_baseline_file()
    {
        Answer("{\"category\": \"billing\", \"confidence\": 1}");

        var run = Run("--update-baseline");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(Path.Combine(_project, "Prompts", "ClassifyTicket.eval.baseline.json")));
        Assert.Contains("baseline written", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_recording_is_PG1003()
    {
        var run = Run();

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"ClassifyTicket\.eval\.yaml\(2,\d+\): error PG1003", run.Stdout);
    }

    [Fact]
    public void Bad_mode_is_a_usage_error_and_a_missing_assembly_is_PG1004()
    {
        Assert.Equal(2, CliRun.Of("eval", _project, "--mode", "sometimes").ExitCode);

        var missing = CliRun.Of("eval", _project, "--assembly", Path.Combine(_project, "nope.dll"), "--mode", "replay");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("error PG1004", missing.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_option_writes_each_finding_the_reports_and_the_outcome_as_json_lines_instead_of_printing_them()
    {
        Answer("{\"category\": \"technical\", \"confidence\": 0.4}");
        var findings = Path.Combine(_project, "obj", "findings.jsonl");
        var reports = Path.Combine(_project, "reports");

        var run = Run("--findings", findings, "--report", reports);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.DoesNotContain(": error PG", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("gate FAILED", run.Stdout, StringComparison.Ordinal);
        var records = File.ReadAllLines(findings).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var critical = records.Single(r => r.GetProperty("kind").GetString() == "finding" && r.GetProperty("id").GetString() == "PG1001" && r.GetProperty("line").GetInt32() == 2);
        Assert.Equal("error", critical.GetProperty("severity").GetString());
        Assert.Equal(Path.Combine(_project, "Prompts", "ClassifyTicket.eval.yaml"), critical.GetProperty("file").GetString());
        Assert.Equal(9, critical.GetProperty("column").GetInt32());
        Assert.StartsWith("Critical case 'refund' failed", critical.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://github.com/promptgen/promptgen/blob/main/docs/diagnostics/PG1001.md", critical.GetProperty("helpLink").GetString());
        var reportRecords = records.Where(r => r.GetProperty("kind").GetString() == "report")
            .ToDictionary(r => r.GetProperty("format").GetString()!, r => r.GetProperty("file").GetString()!);
        Assert.Equal(new[] { "html", "json", "junit", "markdown" }, reportRecords.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(reportRecords.Values, file => Assert.True(File.Exists(file), file));
        Assert.Equal("end", records[^1].GetProperty("kind").GetString());
        Assert.Equal("failed", records[^1].GetProperty("outcome").GetString());
    }

    [Fact]
    public void Findings_option_with_a_passing_gate_ends_with_passed_and_replaces_an_old_file()
    {
        Answer("{\"category\": \"billing\", \"confidence\": 0.9}");
        var findings = Path.Combine(_project, "findings.jsonl");
        File.WriteAllText(findings, "{\"kind\":\"finding\",\"id\":\"PG1001\"}\n");

        var run = Run("--findings", findings);

        Assert.True(run.ExitCode == 0, run.ToString());
        var records = File.ReadAllLines(findings).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.DoesNotContain(records, r => r.GetProperty("kind").GetString() == "finding" && r.GetProperty("severity").GetString() == "error");
        Assert.Equal("passed", records[^1].GetProperty("outcome").GetString());
    }

    [Fact]
    public void A_cancel_file_that_exists_cancels_the_run_like_ctrl_c()
    {
        Answer("{\"category\": \"billing\", \"confidence\": 0.9}");
        var findings = Path.Combine(_project, "findings.jsonl");
        var cancel = Path.Combine(_project, "cancel");
        File.WriteAllText(cancel, "cancel\n");

        var run = Run("--findings", findings, "--cancel-file", cancel);

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains("cancelled", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("cancelled", JsonDocument.Parse(File.ReadAllLines(findings)[^1]).RootElement.GetProperty("outcome").GetString());
    }

    private static string ConsumerDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "PromptGen.Consumer.Tests"));

    private static string ConsumerAssembly()
    {
        var configuration = typeof(EvalVerbTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "PromptGen.BuildConfiguration").Value!;
        return Path.Combine(ConsumerDirectory(), "bin", configuration, "net10.0", "PromptGen.Consumer.Tests.dll");
    }
}
