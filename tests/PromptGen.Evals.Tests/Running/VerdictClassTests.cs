using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Results;
using PromptGen.Evals.Tests.Providers;

namespace PromptGen.Evals.Tests.Running;

/// <summary>What the infrastructure does is never a quality verdict: throttling, a slow regex, a missing judge recording.</summary>
public sealed class VerdictClassTests
{
    private const string Billing = "{\"category\":\"billing\"}";

    [Fact]
    public async Task Throttling_with_Retry_After_is_not_latency_and_not_a_regression()
    {
        using var project = new EvalProject("""
            gate: { min-pass-rate: 0 }
            cases:
              - id: refund
                input: { ticket: "Please refund my order" }
                assert:
                  - { path: category, equals: billing }
                  - { latency: { max-ms: 1500 } }
            """);
        project.Answers(("refund", Billing));
        Assert.True((await project.RunAsync(EvalMode.Replay, r => r with { UpdateBaseline = true })).Passed);
        File.Delete(project.RecordingsPath);

        // Two 429s asking for a one-second wait each, then the answer: two seconds of waiting, one quick attempt.
        await using var server = FakeOpenAIServer.Sequence(
            FakeOpenAIServer.Error(429, retryAfter: "1"), FakeOpenAIServer.Error(429, retryAfter: "1"), FakeOpenAIServer.Chat(Billing));
        var result = await project.RunAsync(EvalMode.Auto, r => r with
        {
            ProviderOptions = new EvalProviderOptions { Endpoint = server.Endpoint, Model = "test-model", ApiKey = "sk-test-throttled-0123456789abcdef" },
        });

        Assert.Equal(3, server.RequestCount);
        var refund = Assert.Single(Assert.Single(result.Suites).Result.Cases);
        var latency = Assert.Single(refund.Trials[0].Assertions, a => a.Kind == "latency");
        Assert.True(latency.Passed, latency.Message);
        Assert.True(refund.Trials[0].Latency < TimeSpan.FromSeconds(1.5), refund.Trials[0].Latency.ToString());
        Assert.Equal(EvalVerdict.Pass, refund.Verdict);
        Assert.DoesNotContain(result.Findings, f => f.Id == "PG1002");
        Assert.True(result.Passed, string.Join("\n", result.Findings.Select(f => f.ToMSBuildString())));
    }

    [Fact]
    public async Task A_regex_that_times_out_is_an_error_never_a_failed_assertion_or_a_regression()
    {
        using var project = new EvalProject("""
            gate: { min-pass-rate: 0 }
            cases:
              - id: words
                input: { ticket: "Please refund my order" }
                assert:
                  - { path: category, regex: "^(\\w|\\w\\w)+$" }
            """);
        var timeout = TimeSpan.FromMilliseconds(100);
        project.Answers(("words", Billing));
        Assert.True((await project.RunAsync(EvalMode.Replay, r => r with { UpdateBaseline = true, RegexTimeout = timeout })).Passed);

        // Exponential backtracking on this output: the pattern cannot decide within the time limit.
        project.Answers(("words", "{\"category\":\"" + new string('a', 45) + "!\"}"));
        var result = await project.RunAsync(EvalMode.Replay, r => r with { RegexTimeout = timeout });

        var words = Assert.Single(Assert.Single(result.Suites).Result.Cases);
        Assert.Equal(EvalVerdict.Error, words.Verdict);
        Assert.Equal("PG1004", words.Trials[0].ErrorId);
        var finding = Assert.Single(result.Findings, f => f.IsError);
        Assert.Equal("PG1004", finding.Id);
        Assert.Contains("regex assertion at line 6 could not be evaluated", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Findings, f => f.Id is "PG1001" or "PG1002");
    }

    [Fact]
    public async Task A_missing_judge_recording_is_PG1003_with_the_judge_named_not_PG1004()
    {
        using var project = new EvalProject("""
            gate: { min-pass-rate: 0 }
            cases:
              - id: judged
                input: { ticket: "Please refund my order" }
                assert:
                  - { path: category, equals: billing }
                  - llm-rubric: "Names a category"
            """);
        project.Answers(("judged", Billing));

        var result = await project.RunAsync(EvalMode.Replay);

        var finding = Assert.Single(result.Findings, f => f.IsError);
        Assert.Equal(("PG1003", 3), (finding.Id, finding.Line));
        Assert.Contains("No recording for case 'judged' (trial 1, judge)", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("judge call failed", finding.Message, StringComparison.Ordinal);
        Assert.Equal(EvalVerdict.Error, Assert.Single(Assert.Single(result.Suites).Result.Cases).Verdict);
    }
}
