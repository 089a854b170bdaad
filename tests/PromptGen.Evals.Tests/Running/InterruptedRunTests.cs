using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;

namespace PromptGen.Evals.Tests.Running;

/// <summary>Nothing paid for is lost: a cancelled run writes the recordings of the calls that completed.</summary>
public sealed class InterruptedRunTests
{
    private const string SixCases = """
        gate: { min-pass-rate: 0 }
        cases:
          - { id: c1, input: { ticket: "t1" }, assert: [ { path: category, equals: billing } ] }
          - { id: c2, input: { ticket: "t2" }, assert: [ { path: category, equals: billing } ] }
          - { id: c3, input: { ticket: "t3" }, assert: [ { path: category, equals: billing } ] }
          - { id: c4, input: { ticket: "t4" }, assert: [ { path: category, equals: billing } ] }
          - { id: c5, input: { ticket: "t5" }, assert: [ { path: category, equals: billing } ] }
          - { id: c6, input: { ticket: "t6" }, assert: [ { path: category, equals: billing } ] }
        """;

    [Fact]
    public async Task A_run_cancelled_after_three_paid_calls_keeps_those_three_recordings()
    {
        using var project = new EvalProject(SixCases);
        using var cancel = new CancellationTokenSource();
        var answered = new ConcurrentBag<string>();
        var model = new ScriptedChatClient(async (call, text, token) =>
        {
            if (call <= 3)
            {
                answered.Add("c" + text.Substring(text.Length - 1));
                return "{\"category\":\"billing\"}";
            }

            // Ctrl+C while the fourth call is in flight.
            cancel.Cancel();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });

        var cancelled = await Assert.ThrowsAsync<EvalRunCancelledException>(() => project.RunAsync(
            EvalMode.Auto,
            r => r with { ClientFactory = model, MaxConcurrency = 1, ProviderOptions = new EvalProviderOptions { MaxConcurrency = 1 } },
            cancel.Token));

        Assert.Equal(4, model.Calls);
        Assert.Equal(project.RecordingsPath, Assert.Single(cancelled.RecordingsWritten));
        Assert.Empty(cancelled.RecordingErrors);
        Assert.Equal(answered.OrderBy(id => id, StringComparer.Ordinal), project.RecordedCases());

        // What was paid for replays offline; only the cases never answered are missing.
        var replay = await project.RunAsync(EvalMode.Replay);
        Assert.Equal(3, replay.Findings.Count(f => f.Id == "PG1003"));
        Assert.Equal(3, Assert.Single(replay.Suites).Result.Cases.Count(c => c.Passed));
    }

    [Fact]
    public async Task A_cancelled_record_run_prunes_nothing()
    {
        using var project = new EvalProject(SixCases);
        var first = new ScriptedChatClient(_ => "{\"category\":\"billing\"}");
        await project.RunAsync(EvalMode.Record, r => r with { ClientFactory = first });
        Assert.Equal(6, project.RecordedCases().Length);

        using var cancel = new CancellationTokenSource();
        var second = new ScriptedChatClient(async (call, _, token) =>
        {
            if (call <= 2) return "{\"category\":\"technical\"}";
            cancel.Cancel();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });

        await Assert.ThrowsAsync<EvalRunCancelledException>(() => project.RunAsync(
            EvalMode.Record,
            r => r with { ClientFactory = second, MaxConcurrency = 1, ProviderOptions = new EvalProviderOptions { MaxConcurrency = 1 } },
            cancel.Token));

        // Two cases re-recorded, the four this run never reached keep their recordings.
        Assert.Equal(6, project.RecordedCases().Length);
        var texts = RecordingStore.Open(project.RecordingsPath, EvalMode.Replay).Entries.Select(e => e.Response.Text).ToList();
        Assert.Equal(2, texts.Count(t => t!.Contains("technical", StringComparison.Ordinal)));
    }
}
