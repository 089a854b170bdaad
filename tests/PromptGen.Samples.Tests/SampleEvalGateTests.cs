using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;

namespace PromptGen.Samples.Tests;

/// <summary>
/// The sample's evals run as part of the repository's tests, exactly as <c>promptgen eval --mode replay</c> runs them:
/// the eval runner drives the sample's generated prompts over the committed recordings and gates against the
/// committed baselines.
/// </summary>
public sealed class SampleEvalGateTests
{
    [Fact]
    public async Task The_sample_evals_pass_their_gate_in_replay_mode()
    {
        var project = Path.Combine(RepositoryRoot(), "samples", "TicketTriage");
        var evalFiles = Directory.GetFiles(Path.Combine(project, "Prompts"), "*.eval.yaml").OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.Equal(4, evalFiles.Count);

        var result = await EvalRunner.RunAsync(new EvalRunRequest
        {
            ProjectDirectory = project,
            EvalFiles = evalFiles,
            Prompts = PromptCatalogLoader.Load(typeof(TicketTriage.TriageApp).Assembly),
            Mode = EvalMode.Replay,
        });

        Assert.True(result.Passed, string.Join("\n", result.Findings.Select(f => f.ToMSBuildString())));
        Assert.Empty(result.Findings); // baselines are committed: no PG1102, and nothing regressed or flaked
        Assert.Equal(13, result.Suites.Sum(s => s.Result.Cases.Count));
        Assert.Empty(result.BaselinesWritten);
        Assert.Empty(result.RecordingsWritten);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromptGen.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("PromptGen.sln was not found above the test binaries.");
    }
}
