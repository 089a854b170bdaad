using System.Threading;
using System.Threading.Tasks;
using PromptGen.Evals.Recording;

namespace PromptGen.Evals.Tests.Running;

/// <summary>Two runs recording one eval file at once keep every recording of both.</summary>
public sealed class ConcurrentRunTests
{
    [Fact]
    public async Task Two_runs_recording_one_eval_file_at_once_keep_every_case_of_both()
    {
        using var project = new EvalProject("""
            gate: { min-pass-rate: 0 }
            cases:
              - { id: a1, input: { ticket: "a1" }, assert: [ { path: category, equals: billing } ] }
              - { id: a2, input: { ticket: "a2" }, assert: [ { path: category, equals: billing } ] }
              - { id: b1, input: { ticket: "b1" }, assert: [ { path: category, equals: billing } ] }
              - { id: b2, input: { ticket: "b2" }, assert: [ { path: category, equals: billing } ] }
            """);
        // Neither run answers before both have opened the recordings: the interleaving that lost cases before.
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        ScriptedChatClient Model() => new(async (call, _, token) =>
        {
            if (call == 1 && Interlocked.Increment(ref started) == 2) bothStarted.TrySetResult();
            await bothStarted.Task.WaitAsync(token);
            return "{\"category\":\"billing\"}";
        });

        var results = await Task.WhenAll(
            project.RunAsync(EvalMode.Auto, r => r with { Filter = "a*", ClientFactory = Model() }),
            project.RunAsync(EvalMode.Auto, r => r with { Filter = "b*", ClientFactory = Model() }));

        Assert.All(results, r => Assert.Equal(project.RecordingsPath, Assert.Single(r.RecordingsWritten)));
        Assert.Equal(new[] { "a1", "a2", "b1", "b2" }, project.RecordedCases());
        Assert.False(System.IO.File.Exists(project.RecordingsPath + ".lock"));
    }
}
