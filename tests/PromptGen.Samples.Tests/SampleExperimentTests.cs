using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PromptGen.Evals.Experiments;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;
using TicketTriage.Prompts;

namespace PromptGen.Samples.Tests;

/// <summary>The worked example of docs/experiments.md: the sample's ClassifyTicket against its concise variant, offline.</summary>
public sealed class SampleExperimentTests
{
    [Fact]
    public void The_sample_prompt_has_its_concise_variant_in_the_generated_api()
    {
        Assert.Equal(new[] { "concise" }, ClassifyTicketPrompt.VariantNames);
        var messages = ClassifyTicketPrompt.Render(new ClassifyTicketPrompt.Input("Where is my parcel?", "chat"), ClassifyTicketPrompt.Variant.Concise);
        Assert.Equal("(chat) Where is my parcel?", messages.Last().Text.Trim());
    }

    [Fact]
    public async Task The_documented_experiment_block_replays_offline_from_the_hand_written_recordings()
    {
        var project = Path.Combine(RepositoryRoot(), "samples", "TicketTriage");
        var reports = Path.Combine(Path.GetTempPath(), "promptgen-sample-experiment-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await ExperimentRunner.RunAsync(new ExperimentRequest
            {
                Run = new EvalRunRequest
                {
                    ProjectDirectory = project,
                    EvalFiles = new[] { Path.Combine(project, "Prompts", "ClassifyTicket.eval.yaml") },
                    Prompts = PromptCatalogLoader.Load(typeof(TicketTriage.TriageApp).Assembly),
                    Mode = EvalMode.Replay,
                    ReportDirectory = reports,
                },
            });

            Assert.True(result.Passed, string.Join("\n", result.Findings.Select(f => f.ToMSBuildString())));
            var suite = Assert.Single(result.Suites);
            Assert.Equal(new[] { "base/default", "concise/default" }, suite.Arms.Select(a => a.Arm.Id));
            Assert.Equal(new[] { 4, 3 }, suite.Arms.Select(a => a.Summary.Passed));
            Assert.StartsWith("No arm differs significantly from the control base/default.", suite.Verdict, StringComparison.Ordinal);
            Assert.Empty(result.RecordingsWritten);
            Assert.Empty(result.BaselinesWritten);
            Assert.Equal(3, result.Reports.Count);
        }
        finally
        {
            if (Directory.Exists(reports)) Directory.Delete(reports, recursive: true);
        }
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
