using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

public sealed class IncrementalityTests
{
    private static GeneratorHarness TenPrompts() => GeneratorHarness.Create(
        Enumerable.Range(0, 10).Select(i => (GeneratorHarness.PathOf($"Prompts/P{i}.prompt"), TestPrompts.Simple($"p{i}"))),
        csharpSources: new[] { "namespace App { public class Program { } }" });

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps.TryGetValue(step, out var runs) ? runs.SelectMany(r => r.Outputs) : Enumerable.Empty<(object, IncrementalStepRunReason)>();

    [Fact]
    public void Every_step_is_tracked()
    {
        var result = TenPrompts().Run();

        foreach (var step in TrackingNames.All) Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
        Assert.Equal(10, Outputs(result, TrackingNames.PromptModels).Count());
    }

    [Fact]
    public void Identical_rerun_reuses_every_step()
    {
        var harness = TenPrompts();
        harness.Run();

        var second = harness.Run();

        foreach (var step in TrackingNames.All)
        {
            Assert.All(Outputs(second, step), o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"{step} output was {o.Reason}"));
        }
    }

    [Fact]
    public void Editing_a_csharp_file_runs_no_prompt_step()
    {
        var harness = TenPrompts();
        harness.Run();

        harness.ReplaceCSharp(0, "namespace App { public class Program { public int Changed; } }");
        var second = harness.Run();

        foreach (var step in TrackingNames.All)
        {
            Assert.All(Outputs(second, step), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }
    }

    [Fact]
    public void Editing_one_of_ten_prompts_regenerates_only_that_one()
    {
        var harness = TenPrompts();
        harness.Run();

        harness.ReplacePrompt(GeneratorHarness.PathOf("Prompts/P3.prompt"), TestPrompts.Simple("p3", "Hi there {{who}}"));
        var second = harness.Run();

        var models = Outputs(second, TrackingNames.PromptModels).ToList();
        Assert.Equal(10, models.Count);
        var rerun = Assert.Single(models, o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.Contains("P3.prompt", ((PromptGen.Generator.Models.PromptGenerationResult)rerun.Value).Identity!.Path);
        Assert.Equal(9, models.Count(o => o.Reason == IncrementalStepRunReason.Cached));
        // The names did not change, so the cross-file collision check is not redone.
        Assert.All(Outputs(second, TrackingNames.NameCollisions), o => Assert.NotEqual(IncrementalStepRunReason.Modified, o.Reason));
        Assert.Equal(9, Outputs(second, TrackingNames.ParsedPrompts).Count(o => o.Reason == IncrementalStepRunReason.Cached));
    }

    [Fact]
    public void Renaming_a_prompt_updates_generated_output()
    {
        var harness = TenPrompts();
        harness.Run();

        harness.ReplacePrompt(GeneratorHarness.PathOf("Prompts/P3.prompt"), TestPrompts.Simple("renamed"));
        var second = harness.Run();

        Assert.Contains(second.GeneratedSources, s => s.HintName == "Acme.Support.Prompts.RenamedPrompt.g.cs");
        Assert.DoesNotContain(second.GeneratedSources, s => s.HintName == "Acme.Support.Prompts.P3Prompt.g.cs");
    }
}
