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

    private static readonly string HeaderPath = GeneratorHarness.PathOf("Prompts/_header.prompt");
    private static readonly string FooterPath = GeneratorHarness.PathOf("Prompts/_footer.prompt");

    /// <summary>A uses header, B uses footer (through the nested partial _sign), C uses none.</summary>
    private static GeneratorHarness WithPartials() => GeneratorHarness.Create(
        new[]
        {
            (GeneratorHarness.PathOf("Prompts/A.prompt"), TestPrompts.Simple("a", "{{> header}} Hello {{who}}")),
            (GeneratorHarness.PathOf("Prompts/B.prompt"), TestPrompts.Simple("b", "Hello {{who}} {{> footer}}")),
            (GeneratorHarness.PathOf("Prompts/C.prompt"), TestPrompts.Simple("c")),
            (HeaderPath, "Header"),
            (FooterPath, "Footer {{> sign}}"),
            (GeneratorHarness.PathOf("Prompts/_sign.prompt"), "Sign"),
            (GeneratorHarness.PathOf("Prompts/A.eval.yaml"), "cases:\n  - id: one\n    input: { who: Ann }\n"),
        },
        csharpSources: new[] { "namespace App { public class Program { } }" });

    private static string PathOf(object output) => output switch
    {
        PromptGen.Generator.Models.PromptGenerationResult result => result.Identity!.Path,
        PromptGen.Generator.Models.AnalyzedPrompt analyzed => analyzed.Path,
        _ => string.Empty,
    };

    [Fact]
    public void Every_step_is_tracked()
    {
        var result = WithPartials().Run();
        foreach (var step in TrackingNames.All) Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
        Assert.Equal(3, Outputs(result, TrackingNames.PromptModels).Count());
        Assert.Equal(3, result.PromptSources().Length);
    }

    [Fact]
    public void Ten_prompts_give_ten_models()
    {
        var result = TenPrompts().Run();

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

    [Fact]
    public void Editing_a_csharp_file_runs_no_prompt_or_partial_step()
    {
        var harness = WithPartials();
        harness.Run();

        harness.ReplaceCSharp(0, "namespace App { public class Program { public int Changed; } }");
        var second = harness.Run();

        foreach (var step in TrackingNames.All)
        {
            Assert.All(Outputs(second, step), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }
    }

    [Fact]
    public void Editing_a_partial_reanalyzes_only_the_prompts_that_reach_it()
    {
        var harness = WithPartials();
        harness.Run();

        harness.ReplacePrompt(GeneratorHarness.PathOf("Prompts/_sign.prompt"), "Signed");
        var second = harness.Run();

        // No prompt is parsed again; pairing with partials re-runs for all (documented) but changes only B.
        Assert.All(Outputs(second, TrackingNames.ParsedPrompts), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        var analyzed = Outputs(second, TrackingNames.AnalyzedPrompts).ToList();
        Assert.Equal(new[] { "B.prompt" }, analyzed.Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).Select(o => System.IO.Path.GetFileName(PathOf(o.Value))));
        var models = Outputs(second, TrackingNames.PromptModels).ToList();
        Assert.Equal(new[] { "B.prompt" }, models.Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).Select(o => System.IO.Path.GetFileName(PathOf(o.Value))));
        Assert.Equal(2, models.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }
}
