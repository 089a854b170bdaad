using System.Linq;
using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;

namespace PromptGen.Language.Tests.Evals;

/// <summary>The <c>experiment:</c> block of eval files: how it is read (PG0504 for its shape) and checked against the prompt's variants (PG0506).</summary>
public sealed class EvalExperimentTests
{
    private const string Prompt = """
        ---
        input:
          schema:
            ticket: string
        output:
          schema:
            category(enum): [billing, bug]
        ---
        {{ticket}}
        """;

    private const string Cases = """
        cases:
          - id: refund
            input: { ticket: "refund" }
            assert:
              - { path: category, equals: billing }

        """;

    /// <summary>The prompt <c>Prompts/Classify.prompt</c> with the variant files <c>concise</c> and <c>formal</c> beside it.</summary>
    private static readonly PromptContext s_classify = PromptContext.From(PromptCompiler.Compile("Prompts/Classify.prompt", Prompt))
        .WithVariants(new[] { "Prompts/Classify.prompt", "Prompts/Classify.concise.prompt", "Prompts/Classify.formal.prompt", "Prompts/Other.terse.prompt", "Other/Classify.loud.prompt" });

    private static string[] Check(string text) =>
        EvalChecker.Check(EvalFileParser.Parse("Prompts/Classify.eval.yaml", text), s_classify).Select(d => d.ToMSBuildString()).ToArray();

    [Fact]
    public void The_variants_of_a_prompt_are_the_variant_files_beside_it()
    {
        Assert.Equal(new[] { "concise", "formal" }, s_classify.Variants.ToArray());
    }

    [Fact]
    public void Reads_the_documented_block()
    {
        var file = EvalFileParser.Parse("Prompts/Classify.eval.yaml", Cases + """
            experiment:
              control: base/gpt-4o-mini@t=0
              variants: [base, concise]
              models: [gpt-4o-mini, gpt-4o]
              sampling: [{ temperature: 0 }, { temperature: 0.7 }]
            """);

        Assert.Empty(file.Diagnostics);
        var experiment = file.Experiment!;
        Assert.Equal(6, experiment.Span.StartLine);
        Assert.False(experiment.RunsAllVariants);
        Assert.Equal(new[] { "base", "concise" }, experiment.VariantNames);
        Assert.Equal(new[] { "gpt-4o-mini", "gpt-4o" }, experiment.Models.Select(m => m.Text));
        Assert.Equal(new[] { 0f, 0.7f }, experiment.Temperatures);
        Assert.Equal("base/gpt-4o-mini@t=0", experiment.Control!.Text);
        Assert.Equal((7, 12), (experiment.Control.Span.StartLine, experiment.Control.Span.StartColumn));
        Assert.Empty(Check(Cases + "experiment:\n  control: base/gpt-4o-mini@t=0\n  variants: [base, concise]\n  models: [gpt-4o-mini, gpt-4o]\n  sampling: [{ temperature: 0 }, { temperature: 0.7 }]\n"));
    }

    [Fact]
    public void Variants_all_and_a_single_model_name_are_accepted()
    {
        var file = EvalFileParser.Parse("X.eval.yaml", Cases + "experiment: { variants: all, models: gpt-4o, control: formal/gpt-4o }\n");

        Assert.Empty(file.Diagnostics);
        Assert.True(file.Experiment!.RunsAllVariants);
        Assert.Equal(new[] { "all" }, file.Experiment.VariantNames);
        Assert.Equal("gpt-4o", Assert.Single(file.Experiment.Models).Text);
        Assert.Empty(Check(Cases + "experiment: { variants: all, models: gpt-4o, control: formal/gpt-4o }\n"));
    }

    [Fact]
    public void A_file_without_the_block_has_no_experiment()
    {
        Assert.Null(EvalFileParser.Parse("X.eval.yaml", Cases).Experiment);
    }

    [Fact]
    public void PG0506_an_unknown_variant_is_an_error_at_its_name_with_the_known_ones()
    {
        var found = Check(Cases + "experiment:\n  variants: [base, consise]\n");

        var error = Assert.Single(found);
        Assert.Equal(
            "Prompts/Classify.eval.yaml(7,20): error PG0506: The prompt 'Classify.prompt' has no variant 'consise' (no file 'Classify.consise.prompt' beside it); "
            + "its variants are: concise, formal (base is the prompt itself, all the prompt and every variant). Did you mean 'concise'?",
            error);
    }

    [Fact]
    public void PG0506_a_variant_of_another_prompt_or_folder_is_unknown()
    {
        Assert.Contains(Check(Cases + "experiment: { variants: [terse] }\n"), d => d.Contains("error PG0506", System.StringComparison.Ordinal) && d.Contains("'terse'", System.StringComparison.Ordinal));
        Assert.Contains(Check(Cases + "experiment: { variants: [loud] }\n"), d => d.Contains("error PG0506", System.StringComparison.Ordinal) && d.Contains("'loud'", System.StringComparison.Ordinal));
    }

    [Fact]
    public void PG0506_a_control_that_is_not_one_of_the_arms_is_an_error_at_the_control_listing_the_arms()
    {
        var missingTemperature = Assert.Single(Check(Cases + "experiment:\n  control: base/gpt-4o-mini\n  models: [gpt-4o-mini]\n  sampling: [{ temperature: 0 }, { temperature: 0.7 }]\n"));
        Assert.Equal(
            "Prompts/Classify.eval.yaml(7,12): error PG0506: The control arm 'base/gpt-4o-mini' is not one of the arms this experiment runs; its arms are: base/gpt-4o-mini@t=0, base/gpt-4o-mini@t=0.7",
            missingTemperature);

        var otherModel = Assert.Single(Check(Cases + "experiment:\n  control: concise/gpt-4o\n  variants: [base, concise]\n  models: [gpt-4o-mini]\n"));
        Assert.Contains("(7,12): error PG0506: The control arm 'concise/gpt-4o' is not one of the arms", otherModel, System.StringComparison.Ordinal);
        Assert.EndsWith("its arms are: base/gpt-4o-mini, concise/gpt-4o-mini", otherModel, System.StringComparison.Ordinal);

        var misspelt = Assert.Single(Check(Cases + "experiment:\n  control: concise/gpt-4o-mni\n  variants: [base, concise]\n  models: [gpt-4o-mini]\n"));
        Assert.EndsWith("its arms are: base/gpt-4o-mini, concise/gpt-4o-mini. Did you mean 'concise/gpt-4o-mini'?", misspelt, System.StringComparison.Ordinal);

        // Without models the arms run the prompt's own model, written default.
        Assert.Empty(Check(Cases + "experiment: { variants: [base, concise], control: concise }\n"));
        Assert.Single(Check(Cases + "experiment: { variants: [concise], control: base }\n"));
    }

    [Theory]
    [InlineData("experiment: [base]\n", "(6,13): error PG0504: 'experiment' is a mapping")]
    [InlineData("experiment: { variant: [base] }\n", "(6,15): error PG0504: Unknown key 'variant' in experiment (expected control, variants, models, sampling). Did you mean 'variants'?")]
    [InlineData("experiment: { variants: [] }\n", "(6,25): error PG0504: 'experiment.variants' is a list such as [base, concise] or all, not a list")]
    [InlineData("experiment: { variants: [all, concise] }\n", "(6,25): error PG0504: 'experiment.variants' is either all or a list of variant names, not both")]
    [InlineData("experiment: { models: [gpt-4o, gpt-4o] }\n", "(6,32): error PG0504: 'gpt-4o' is listed twice in 'experiment.models'")]
    [InlineData("experiment: { models: [\"a,b\"] }\n", "(6,24): error PG0504: Each of 'experiment.models' is a name without commas")]
    [InlineData("experiment: { models: [default] }\n", "(6,24): error PG0504: 'default' cannot be a model id in an experiment")]
    [InlineData("experiment: { sampling: { temperature: 0 } }\n", "(6,25): error PG0504: 'experiment.sampling' is a list of settings")]
    [InlineData("experiment: { sampling: [{ temperature: -1 }] }\n", "(6,41): error PG0504: 'temperature' needs a number of 0 or more, not -1")]
    [InlineData("experiment: { sampling: [{ top-p: 0.9 }] }\n", "(6,28): error PG0504: Unknown key 'top-p' in a sampling setting (expected temperature)")]
    [InlineData("experiment: { sampling: [{ temperature: 0 }, { temperature: 0 }] }\n", "(6,61): error PG0504: The temperature 0 is listed twice")]
    [InlineData("experiment: { control: \"concise@t=hot\" }\n", "(6,24): error PG0504: The arm 'concise@t=hot' has an invalid temperature; write it as '@t=0.7'.")]
    [InlineData("experiment: { control: 3 }\n", "(6,24): error PG0504: 'experiment.control' needs an arm written variant/model")]
    public void PG0504_a_malformed_block_is_an_error_at_the_value(string block, string expected)
    {
        var found = Check(Cases + block);

        Assert.Contains(found, d => d.Contains(expected, System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("concise/gpt-4o-mini", "concise", "gpt-4o-mini", null)]
    [InlineData("base/default@t=0.7", null, null, 0.7f)]
    [InlineData("concise", "concise", null, null)]
    [InlineData(" base/openai/gpt-4o ", null, "openai/gpt-4o", null)]
    public void Arm_ids_read_back_as_they_are_written(string id, string? variant, string? model, float? temperature)
    {
        Assert.Null(EvalExperiment.TryParseArm(id, out var v, out var m, out var t));
        Assert.Equal((variant, model, temperature), (v, m, t));
        Assert.Equal(EvalExperiment.ArmId(v, m, t), EvalExperiment.ArmId(variant, model, temperature));
    }
}
