using System;
using System.IO;
using System.Linq;

namespace PromptGen.Cli.Tests;

/// <summary>
/// <c>promptgen eval</c>'s own options are checked before anything is loaded or any model is called, and the errors
/// name the option the user wrote (not the MSBuild property or environment variable it becomes).
/// </summary>
public sealed class EvalArgumentTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public EvalArgumentTests()
    {
        _folder.Write("Prompts/Classify.eval.yaml", "cases: []\n");
        _folder.Write("App.csproj", "<Project />");
    }

    public void Dispose() => _folder.Dispose();

    // The assembly does not exist: an option checked after loading would fail on it instead.
    private CliRun Run(params string[] options) =>
        CliRun.Of(new[] { "eval", _folder.Path, "--assembly", _folder.PathOf("missing.dll"), "--no-progress" }.Concat(options).ToArray());

    [Theory]
    [InlineData("--mode bogus", "--mode must be replay, auto, record, live or off, not 'bogus'")]
    [InlineData("--max-concurrency 0", "--max-concurrency must be a whole number from 1, not '0'")]
    [InlineData("--max-concurrency many", "--max-concurrency must be a whole number from 1, not 'many'")]
    [InlineData("--endpoint localhost:11434", "--endpoint must be an absolute http(s) URL such as http://localhost:11434/v1, not 'localhost:11434'")]
    [InlineData("--endpoint ftp://models.example/v1", "--endpoint must be an absolute http(s) URL")]
    [InlineData("--max-cost 5", "--max-cost goes with an experiment: add --experiment")]
    [InlineData("--arm-control base/default", "--arm-control goes with an experiment")]
    [InlineData("--history old.json", "--history goes with an experiment")]
    [InlineData("--arm base/default", "--arm goes with an experiment")]
    [InlineData("--experiment --arm base/default", "--arm names the arm whose results become the baseline: it goes with --update-baseline")]
    [InlineData("--experiment --update-baseline", "an experiment changes a baseline only from one arm")]
    [InlineData("--experiment --temperatures hot", "--temperatures: 'hot' is not a temperature")]
    [InlineData("--experiment --max-cost -5", "--max-cost: '-5' is not an amount")]
    [InlineData("--experiment --history no/such/old.json", "--history: cannot read 'no/such/old.json': no such file")]
    public void Bad_values_are_usage_errors_that_name_the_option(string options, string message)
    {
        var run = Run(options.Split(' '));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("PromptGenEval", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_pasted_into_an_option_is_not_echoed_back()
    {
        // A fake key, assembled at run time so that secret scanners do not flag the test source.
        var fakeKey = "sk" + "-proj-abcdefghijklmnopqrstuvwx1234567890";

        var run = Run("--endpoint", fakeKey);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--endpoint must be an absolute http(s) URL", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(fakeKey, run.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"suites\": [", "it is not valid JSON (line 1)")]
    [InlineData("{ \"runs\": [] }", "it has no \"suites\" array")]
    public void A_history_file_that_is_not_an_experiment_report_is_refused_before_the_run(string text, string problem)
    {
        var history = _folder.Write("old.json", text);

        var run = Run("--experiment", "--history", history);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"--history: '{history}' is not an experiment report (promptgen-experiment.json): {problem}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_findings_file_that_cannot_be_written_is_refused_before_the_run()
    {
        var beside = Run("--findings", _folder.PathOf("new/findings.jsonl"), "--mode", "bogus");
        Assert.True(beside.ExitCode == 2, beside.ToString());
        Assert.False(Directory.Exists(_folder.PathOf("new"))); // checked, not created

        // A file where the findings file's folder should be: the folder cannot be made.
        _folder.Write("obj", "a file, not a folder");

        var run = Run("--findings", _folder.PathOf("obj/findings.jsonl"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"--findings: '{_folder.PathOf("obj")}' is a file, not a folder", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_findings_path_that_is_a_folder_is_refused_and_nothing_is_left_behind()
    {
        Directory.CreateDirectory(_folder.PathOf("out"));

        var folderRun = Run("--findings", _folder.PathOf("out"));
        var fileRun = Run("--findings", _folder.PathOf("out/findings.jsonl"), "--mode", "bogus");

        Assert.True(folderRun.ExitCode == 2, folderRun.ToString());
        Assert.Contains("is a folder, not a file", folderRun.Stderr, StringComparison.Ordinal);
        Assert.True(fileRun.ExitCode == 2, fileRun.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(_folder.PathOf("out"))); // the probe that checked the folder is gone
    }

    [Fact]
    public void A_report_folder_that_cannot_be_made_is_refused_before_the_run()
    {
        var file = _folder.Write("reports", "a file, not a folder");

        var run = Run("--report", file);
        var under = Run("--report", _folder.PathOf("reports/html"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"--report: '{file}' is a file, not a folder", run.Stderr, StringComparison.Ordinal);
        Assert.True(under.ExitCode == 2, under.ToString());
        Assert.Contains($"--report: cannot create the folder '{_folder.PathOf("reports/html")}': '{file}' is a file", under.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Checking_a_report_folder_does_not_create_it()
    {
        // The check passes; the run then stops at the missing assembly, before any report.
        var run = Run("--report", _folder.PathOf("out/reports"));

        Assert.Contains("missing.dll", run.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.PathOf("out")));
        Assert.Equal(new[] { "App.csproj", "Prompts" }, Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName).Order().ToArray());
    }
}
