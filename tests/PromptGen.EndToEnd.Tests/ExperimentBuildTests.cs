using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PromptGen.EndToEnd.Tests.Infrastructure;
using PromptGen.Evals.Tests.Providers;

namespace PromptGen.EndToEnd.Tests;

/// <summary>
/// Experiments in a consumer project of the packed package: the eval file's <c>experiment:</c> block and the prompt
/// variants are checked by <c>dotnet build</c> (PG0506, PG0620 at their lines), and <c>-t:PromptEval</c> runs the
/// experiment from MSBuild properties against a local fake OpenAI-compatible server whose answers are scripted
/// (hand-written) per model id and per variant text, then replays it offline byte for byte and promotes one arm.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class ExperimentBuildTests(PackedPackages packages)
{
    /// <summary>The variant <c>concise</c> of <see cref="EvalProjects.ClassifyPrompt"/>: the same schemas, another template.</summary>
    private static readonly string s_concisePrompt = EvalProjects.ClassifyPrompt.Replace("Classify this support ticket: {{ticket}}", "Concise: {{ticket}}", StringComparison.Ordinal);

    /// <summary>The concise variant with a field more in its output: line 10 is its output <c>schema:</c>.</summary>
    private static readonly string s_conciseWithOtherSchema = s_concisePrompt.Replace("\r\n", "\n").Replace("    required: [category]\n---", "      reason:\n        type: string\n    required: [category]\n---");

    /// <summary>30 cases (lines 2 onwards), then the experiment block.</summary>
    private static string Eval(string variants) =>
        "cases:\n" + string.Concat(Enumerable.Range(1, 30).Select(i =>
            $"  - id: case-{i:00}\n    input: {{ ticket: \"refund {i}\" }}\n    assert:\n      - {{ path: category, equals: billing }}\n"))
        + $"gate: {{ min-pass-rate: 0 }}\nexperiment:\n  control: base/model-a\n  variants: {variants}\n  models: [model-a]\n";

    /// <summary>The line of <c>variants:</c> in <see cref="Eval"/>: 1 + 30 × 4 case lines, gate, experiment, control.</summary>
    private const int VariantsLine = 1 + (30 * 4) + 3 + 1;

    [EndToEndFact]
    public async Task The_build_checks_the_block_and_variants_and_PromptEval_runs_the_experiment_from_properties_replays_it_and_promotes_one_arm()
    {
        var conciseOk = !s_conciseWithOtherSchema.Equals(s_concisePrompt.Replace("\r\n", "\n"), StringComparison.Ordinal) && s_concisePrompt.Contains("Concise:", StringComparison.Ordinal);
        Assert.True(conciseOk, "the test's variant with another schema is the same as the variant");
        var project = ConsumerProject.Create(packages, "experiment", EvalProjects.Library(packages.Version), new Dictionary<string, string>
        {
            ["Prompts/Classify.prompt"] = EvalProjects.ClassifyPrompt,
            ["Prompts/Classify.concise.prompt"] = s_conciseWithOtherSchema,
            ["Prompts/Classify.eval.yaml"] = Eval("[base, consise]"),
        });
        var evalFile = "Prompts/Classify.eval.yaml";

        // 1. dotnet build: the variant's schema differs from its base (PG0620 at its output schema) and the block names a
        //    variant that does not exist (PG0506 at the name).
        var broken = await project.BuildAsync(restore: true);
        Assert.True(broken.ExitCode != 0, broken.ToString());
        Assert.Contains("Prompts/Classify.concise.prompt(10,3): error PG0620", broken.Output);
        Assert.Contains($"{evalFile}({VariantsLine},20): error PG0506: The prompt 'Classify.prompt' has no variant 'consise'", broken.Output);

        project.WriteFile("Prompts/Classify.concise.prompt", s_concisePrompt);
        project.WriteFile(evalFile, Eval("all"));
        var built = await project.BuildAsync();
        Assert.True(built.ExitCode == 0, built.ToString());

        // 2. Record: the block's arms, crossed with the models given as an MSBuild property. model-a answers the concise
        //    variant right every time and the base prompt right for tickets 1–5; model-b gets the concise variant wrong.
        await using var server = FakeOpenAIServer.Start(request =>
        {
            using var body = JsonDocument.Parse(request.Body);
            var text = body.RootElement.GetProperty("messages").EnumerateArray().Last().GetProperty("content").ToString();
            var model = body.RootElement.GetProperty("model").GetString()!;
            var ticket = int.Parse(text.Substring(text.LastIndexOf(' ') + 1));
            var right = text.Contains("Concise:", StringComparison.Ordinal) ? model == "model-a" : ticket <= 5;
            return FakeOpenAIServer.Chat(right ? """{"category":"billing"}""" : """{"category":"technical"}""", promptTokens: 100, completionTokens: 10, model: model);
        }, maxRequests: 500, lifetime: TimeSpan.FromMinutes(10));
        var recorded = await EvalProjects.RunAsync(project, EvalProjects.Online(server.Endpoint), "build", "-t:PromptEval",
            "-p:PromptGenEvalMode=record", "-p:PromptGenEvalModels=model-a%3Bmodel-b", "-p:PromptGenEvalArmControl=base/model-a",
            "-p:PromptGenEvalReportDir=reports-record");
        Assert.True(recorded.ExitCode == 0, recorded.ToString());
        Assert.Equal(120, server.RequestCount); // 30 cases × 2 variants × 2 models
        Assert.Contains("PromptGen experiment: estimate before the run: 120 model calls", recorded.Output);
        Assert.Contains("PromptGen experiment: " + evalFile + ": concise/model-a is better than the control base/model-a: 30/30 vs 5/30", recorded.Output);
        Assert.DoesNotContain("sk-e2e-secret", recorded.Output);
        var markdown = File.ReadAllText(Path.Combine(project.Directory, "reports-record", "promptgen-experiment.md"));
        Assert.StartsWith("**concise/model-a is better", markdown, StringComparison.Ordinal);
        var recordings = File.ReadAllText(Path.Combine(project.Directory, "Prompts", "Classify.eval.recordings.json"));
        Assert.Contains("\"arm\": \"concise/model-b\"", recordings);
        Assert.DoesNotContain("sk-e2e-secret", recordings);

        // 3. Offline (CI=true, no endpoint): the block alone decides the arms, as PromptGenEvalExperiment=true asks; the
        //    same arms as recorded replay to the same JSON, byte for byte.
        var replayed = await EvalProjects.RunAsync(project, EvalProjects.Offline(), "build", "-t:PromptEval",
            "-p:PromptGenEvalExperiment=true", "-p:PromptGenEvalModels=model-a%3Bmodel-b", "-p:PromptGenEvalArmControl=base/model-a",
            "-p:PromptGenEvalReportDir=reports-replay");
        Assert.True(replayed.ExitCode == 0, replayed.ToString());
        Assert.Equal(120, server.RequestCount);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(project.Directory, "reports-record", "promptgen-experiment.json")),
            File.ReadAllBytes(Path.Combine(project.Directory, "reports-replay", "promptgen-experiment.json")));

        // 4. A live run of the block's arms (base/model-a, concise/model-a) with prices: the estimate from the recordings is
        //    what the recorded run of those arms used (60 calls × (100 input tokens × 1 + 10 output tokens × 4) per
        //    million tokens = 0.0084), above PromptGenEvalMaxCost: the run does not start and no model is called.
        var priced = EvalProjects.Online(server.Endpoint);
        priced["PROMPTGEN_INPUT_PRICE_PER_MTOK"] = "1";
        priced["PROMPTGEN_OUTPUT_PRICE_PER_MTOK"] = "4";
        var capped = await EvalProjects.RunAsync(project, priced, "build", "-t:PromptEval",
            "-p:PromptGenEvalMode=live", "-p:PromptGenEvalExperiment=true", "-p:PromptGenEvalMaxCost=0.005");
        Assert.True(capped.ExitCode != 0, capped.ToString());
        Assert.Contains("estimate before the run: 60 model calls, about 6000 input and 600 output tokens, cost 0.0084", capped.Output);
        Assert.Contains("error PG1004: The experiment was not started: its estimate", capped.Output);
        Assert.Contains("exceeds --max-cost 0.005", capped.Output);
        Assert.Equal(120, server.RequestCount);

        // 5. The block's own arms (base/model-a, concise/model-a), replayed; only the arm named is promoted to the baseline.
        var baselinePath = Path.Combine(project.Directory, "Prompts", "Classify.eval.baseline.json");
        Assert.False(File.Exists(baselinePath));
        var promoted = await EvalProjects.RunAsync(project, EvalProjects.Offline(), "build", "-t:PromptEval",
            "-p:PromptGenEvalExperiment=true", "-p:PromptGenUpdateBaseline=true", "-p:PromptGenEvalArm=concise/model-a");
        Assert.True(promoted.ExitCode == 0, promoted.ToString());
        Assert.Contains("baseline written from arm concise/model-a", promoted.Output);
        var baseline = JsonDocument.Parse(File.ReadAllText(baselinePath)).RootElement.GetProperty("cases");
        Assert.Equal(30, baseline.EnumerateObject().Count());
        Assert.All(baseline.EnumerateObject(), c => Assert.True(c.Value.GetProperty("passed").GetBoolean()));
    }
}
