using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

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

    private static string ConsumerDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "PromptGen.Consumer.Tests"));

    private static string ConsumerAssembly()
    {
        var configuration = typeof(EvalVerbTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "PromptGen.BuildConfiguration").Value!;
        return Path.Combine(ConsumerDirectory(), "bin", configuration, "net10.0", "PromptGen.Consumer.Tests.dll");
    }
}
