using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;

namespace PromptGen.Evals.Tests.Running;

public sealed class EvalRunnerTests : IDisposable
{
    /// <summary>Case <c>refund</c> (critical) has its id at (3,9), case <c>crash</c> at (8,9).</summary>
    private const string Eval = """
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
        """;

    private readonly TempFolder _folder = new();
    private readonly ClassifyDescriptor _prompt = new();

    public EvalRunnerTests()
    {
        Directory.CreateDirectory(_folder.File("Prompts"));
        File.WriteAllText(PromptsFile("Classify.prompt"), ClassifyDescriptor.Prompt);
        File.WriteAllText(EvalPath, Eval);
    }

    private string EvalPath => PromptsFile("Classify.eval.yaml");

    private string PromptsFile(string name) => Path.Combine(_folder.Path, "Prompts", name);

    public void Dispose() => _folder.Dispose();

    private void Answers(string refund, string crash) => File.WriteAllText(PromptsFile("Classify.eval.recordings.json"), $$"""
        {
          "note": "hand-written responses",
          "entries": [
            { "case": "refund", "response": { "text": "{\"category\":\"{{refund}}\"}" } },
            { "case": "crash", "response": { "text": "{\"category\":\"{{crash}}\"}" } }
          ]
        }
        """);

    private Task<EvalRunResult> RunAsync(EvalMode mode = EvalMode.Replay, bool updateBaseline = false, string? filter = null, string? reports = null) =>
        EvalRunner.RunAsync(new EvalRunRequest
        {
            ProjectDirectory = _folder.Path,
            EvalFiles = new[] { EvalPath },
            Prompts = new[] { _prompt },
            Mode = mode,
            UpdateBaseline = updateBaseline,
            Filter = filter,
            ReportDirectory = reports,
        });

    [Fact]
    public async Task Correct_answers_pass_and_a_missing_baseline_is_one_PG1102_warning_at_the_gate()
    {
        Answers("billing", "technical");

        var result = await RunAsync();

        Assert.True(result.Passed, string.Join("\n", result.Findings.Select(f => f.ToMSBuildString())));
        var suite = Assert.Single(result.Suites).Result;
        Assert.All(suite.Cases, c => Assert.True(c.Passed));
        Assert.Equal(2, _prompt.Renders);
        var warning = Assert.Single(result.Findings);
        Assert.Equal(("PG1102", false, 1), (warning.Id, warning.IsError, warning.Line));
        Assert.False(File.Exists(PromptsFile("Classify.eval.baseline.json")));
    }

    [Fact]
    public async Task After_a_baseline_update_wrong_answers_are_PG1001_for_the_critical_case_and_PG1002_for_the_other()
    {
        Answers("billing", "technical");
        var update = await RunAsync(updateBaseline: true);
        Assert.True(update.Passed);
        Assert.Equal(PromptsFile("Classify.eval.baseline.json"), Assert.Single(update.BaselinesWritten));
        Assert.DoesNotContain(update.Findings, f => f.Id == "PG1102");

        Answers("technical", "billing");
        var result = await RunAsync();

        Assert.False(result.Passed);
        var critical = Assert.Single(result.Findings, f => f.Id == "PG1001");
        Assert.Equal((3, 9), (critical.Line, critical.Column));
        Assert.Contains(result.Findings, f => f is { Id: "PG1002", Line: 8, Column: 9 });
        Assert.StartsWith($"{EvalPath}(8,9): error PG1002: Case 'crash' regressed", result.Findings.First(f => f is { Id: "PG1002", Line: 8 }).ToMSBuildString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_eval_file_past_the_size_bound_is_one_located_PG1004_not_read_to_the_end()
    {
        using (var stream = File.Open(EvalPath, FileMode.Create)) stream.SetLength(PromptGen.Language.Text.BoundedFile.MaxBytes + 1L); // sparse

        var result = await RunAsync();

        Assert.False(result.Passed);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(("PG1004", EvalPath, 1), (finding.Id, finding.Path, finding.Line));
        Assert.Equal("The eval file could not be read: it is larger than 64 MiB", finding.Message);
    }

    [Fact]
    public async Task Missing_recordings_in_replay_are_PG1003_never_PG1002()
    {
        Answers("billing", "technical");
        await RunAsync(updateBaseline: true);
        File.Delete(PromptsFile("Classify.eval.recordings.json"));

        var result = await RunAsync();

        Assert.False(result.Passed);
        Assert.Equal(new[] { 3, 8 }, result.Findings.Where(f => f.Id == "PG1003").Select(f => f.Line).OrderBy(l => l));
        Assert.DoesNotContain(result.Findings, f => f.Id is "PG1001" or "PG1002");
    }

    [Fact]
    public async Task Provider_errors_are_PG1004_never_PG1002()
    {
        Answers("billing", "technical");
        await RunAsync(updateBaseline: true);

        var result = await RunAsync(EvalMode.Off);

        Assert.False(result.Passed);
        Assert.Equal(2, result.Findings.Count(f => f.Id == "PG1004"));
        Assert.DoesNotContain(result.Findings, f => f.Id is "PG1001" or "PG1002");
        Assert.All(Assert.Single(result.Suites).Result.Cases, c => Assert.True(c.IsError));
    }

    [Fact]
    public async Task Filter_runs_only_matching_cases_and_keeps_the_others_baseline_entries()
    {
        Answers("billing", "technical");
        await RunAsync(updateBaseline: true);
        Answers("billing", "billing");

        var result = await RunAsync(updateBaseline: true, filter: "ref*");

        Assert.True(result.Passed);
        Assert.Equal("refund", Assert.Single(Assert.Single(result.Suites).Result.Cases).CaseId);
        var baseline = File.ReadAllText(PromptsFile("Classify.eval.baseline.json"));
        Assert.Contains("\"crash\"", baseline, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Findings, f => f.Id == "PG1002");
    }

    [Fact]
    public async Task Eval_file_errors_stop_that_file_before_any_model_call()
    {
        File.WriteAllText(EvalPath, Eval.Replace("id: crash", "id: refund"));

        var result = await RunAsync();

        Assert.False(result.Passed);
        Assert.Contains(result.Findings, f => f is { Id: "PG0505", IsError: true, Line: 8 });
        Assert.Empty(result.Suites);
        Assert.Equal(0, _prompt.Renders);
    }

    [Fact]
    public async Task A_prompt_missing_from_the_catalog_is_PG1004()
    {
        var result = await EvalRunner.RunAsync(new EvalRunRequest { ProjectDirectory = _folder.Path, EvalFiles = new[] { EvalPath } });

        var finding = Assert.Single(result.Findings);
        Assert.Equal("PG1004", finding.Id);
        Assert.Contains("Classify.prompt", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unparseable_output_fails_the_trial_and_reports_are_written()
    {
        File.WriteAllText(PromptsFile("Classify.eval.recordings.json"), """
            { "entries": [
              { "case": "refund", "response": { "text": "I think it is billing" } },
              { "case": "crash", "response": { "text": "{\"category\":\"technical\"}" } } ] }
            """);
        var reports = _folder.File("reports");

        var result = await RunAsync(reports: reports);

        var refund = Assert.Single(result.Suites).Result.Cases.Single(c => c.CaseId == "refund");
        Assert.False(refund.Passed);
        Assert.Contains(refund.Trials[0].Assertions, a => a.Kind == "parse" && !a.Passed);
        Assert.Contains(result.Findings, f => f is { Id: "PG1001", Line: 3 });
        Assert.True(File.Exists(Path.Combine(reports, "promptgen-evals.junit.xml")));
        Assert.True(File.Exists(Path.Combine(reports, "promptgen-evals.html")));
    }

    [Fact]
    public async Task A_report_folder_that_cannot_be_written_is_a_PG1004_finding_and_the_suite_still_runs()
    {
        Answers("billing", "technical");
        var blocked = _folder.File("reports");
        File.WriteAllText(blocked, "a file where the report folder should be");

        var result = await RunAsync(reports: blocked);

        Assert.Null(result.Reports);
        Assert.True(Assert.Single(result.Suites).Result.Cases.All(c => c.Passed));
        var finding = Assert.Single(result.Findings, f => f.Id == "PG1004");
        Assert.True(finding.IsError);
        Assert.Equal(blocked, finding.Path);
        Assert.StartsWith("The eval reports could not be written: ", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "anything", true)]
    [InlineData("ref*", "refund", true)]
    [InlineData("ref*", "crash", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("x;crash", "crash", true)]
    [InlineData("a.c", "abc", false)]
    public void Case_filter_globs(string? filter, string caseId, bool matches) =>
        Assert.Equal(matches, CaseIdFilter.Parse(filter).Matches(caseId));

    [Fact]
    public void Findings_print_in_msbuild_canonical_form_on_one_line()
    {
        var finding = new EvalFinding("PG1003", true, "Prompts/A.eval.yaml", 4, 7, "No recording.\nRecord it.");

        Assert.Equal("Prompts/A.eval.yaml(4,7): error PG1003: No recording. | Record it.", finding.ToMSBuildString());
        Assert.Equal("x(1,1): warning PG1101: flaky", new EvalFinding("PG1101", false, "x", 0, 0, "flaky").ToMSBuildString());
    }
}
