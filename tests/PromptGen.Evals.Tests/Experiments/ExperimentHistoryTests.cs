using System;
using System.IO;
using PromptGen.Evals.Experiments;

namespace PromptGen.Evals.Tests.Experiments;

/// <summary>Earlier runs' reports, read for the pass rate over time (<c>--history</c>).</summary>
public sealed class ExperimentHistoryTests
{
    [Fact]
    public void An_earlier_report_gives_each_arms_pass_rate()
    {
        const string json = """{"suites":[{"arms":[{"arm":"base/default","passRate":0.75},{"arm":"concise/default","passRate":0.5}]}]}""";

        Assert.True(ExperimentJsonWriter.TryReadPassRates(json, out var rates, out var problem), problem);

        Assert.Equal(0.75, rates["base/default"]);
        Assert.Equal(0.5, rates["concise/default"]);
    }

    [Theory]
    [InlineData("{", "it is not valid JSON (line 1)")]
    [InlineData("{\n\"suites\": [}", "it is not valid JSON (line 2)")]
    [InlineData("[1, 2]", "it has no \"suites\" array")]
    [InlineData("""{"suites": {}}""", "it has no \"suites\" array")]
    [InlineData("""{"suites": [3]}""", "a suite has no \"arms\" array")]
    [InlineData("""{"suites": [{"arms": [{"arm": 1, "passRate": 0.5}]}]}""", "an arm has no \"arm\" name and \"passRate\" from 0 to 1")]
    [InlineData("""{"suites": [{"arms": [{"arm": "a/b", "passRate": "high"}]}]}""", "an arm has no \"arm\" name and \"passRate\" from 0 to 1")]
    [InlineData("""{"suites": [{"arms": [{"arm": "a/b", "passRate": 1.5}]}]}""", "an arm has no \"arm\" name and \"passRate\" from 0 to 1")]
    [InlineData("""{"suites": [{"arms": [{"arm": "a/b", "passRate": 1e400}]}]}""", "an arm has no \"arm\" name and \"passRate\" from 0 to 1")]
    public void Anything_else_is_refused_with_what_is_wrong(string json, string problem)
    {
        Assert.False(ExperimentJsonWriter.TryReadPassRates(json, out var rates, out var actual));

        Assert.Equal(problem, actual);
        Assert.Empty(rates);
    }

    [Fact]
    public void A_history_file_that_cannot_be_read_leaves_the_runs_own_reports_written()
    {
        using var folder = new TempFolder();
        var malformed = folder.File("malformed.json");
        File.WriteAllText(malformed, "{ not json");

        var written = ExperimentReportWriter.WriteAll(Array.Empty<ExperimentSuite>(), new[] { folder.File("gone.json"), malformed }, folder.File("reports"));

        Assert.Equal(3, written.Count);
        Assert.All(written, path => Assert.True(File.Exists(path), path));
    }
}
