using System.IO;
using System.Linq;
using PromptGen.Language.Values;

namespace PromptGen.Cli.Tests;

/// <summary><c>promptgen check</c> on eval files: found in folders, checked against the prompt next to them.</summary>
public sealed class EvalCheckTests
{
    [Fact]
    public void A_valid_eval_file_and_its_prompt_print_nothing()
    {
        var run = CliRun.Of("check", Fixture.PathOf("evals/good"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void An_eval_file_given_by_name_is_checked()
    {
        var run = CliRun.Of("check", Fixture.PathOf("evals/good/TriageTicket.eval.yaml"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Every_PG05xx_is_reported_at_its_place()
    {
        var folder = Fixture.PathOf("evals/bad");
        var run = CliRun.Of("check", folder);
        Assert.Equal(1, run.ExitCode);
        var classify = Path.Combine(folder, "Classify.eval.yaml");
        var orphan = Path.Combine(folder, "Orphan.eval.yaml");
        var expected = new[]
        {
            $"{classify}(3,45): error PG0502: Input field 'produkt' is not declared by Classify.prompt. Did you mean 'product'?",
            $"{classify}(5,17): error PG0503: ClassifyPrompt.Output has no field 'categroy'. Did you mean 'category'?",
            $"{classify}(6,29): error PG0503: 'contains' does not apply to 'confidence', which is a number; it needs a string or a list; use min or max",
            $"{classify}(7,26): error PG0504: Unknown assertion 'icontains_any'. Did you mean 'icontains-any'?",
            $"{classify}(8,9): error PG0505: Duplicate case id 'double-charge' (first used at line 2)",
            $"{classify}(9,12): error PG0502: Input is missing the required field 'ticket'",
            $"{classify}(11,35): error PG0503: \"invoice\" is not a value of 'category' (billing, bug, account, other)",
            $"{orphan}(1,9): error PG0501: Prompt 'Clasify.prompt' not found next to this eval file. Did you mean 'Classify.prompt'?",
        };
        foreach (var line in expected) Assert.Contains(line, run.Stdout);
        Assert.Equal(expected.Length, run.Stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void The_experiment_block_is_checked_against_the_variant_files_beside_the_prompt()
    {
        var folder = Path.Combine(Path.GetTempPath(), "promptgen-experiment-check-" + System.Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            const string Prompt = "---\ninput:\n  schema:\n    ticket: string\noutput:\n  schema:\n    category(enum): [billing, bug]\n---\n{{ticket}}\n";
            File.WriteAllText(Path.Combine(folder, "Classify.prompt"), Prompt);
            File.WriteAllText(Path.Combine(folder, "Classify.concise.prompt"), Prompt.Replace("{{ticket}}", "Short: {{ticket}}"));
            var evalFile = Path.Combine(folder, "Classify.eval.yaml");
            File.WriteAllText(evalFile, "cases:\n  - id: a\n    input: { ticket: x }\n    assert: [{ path: category, equals: bug }]\nexperiment:\n  variants: [base, concise, formal]\n  control: concise\n");

            var run = CliRun.Of("check", evalFile);

            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith($"{evalFile}(6,29): error PG0506: The prompt 'Classify.prompt' has no variant 'formal' (no file 'Classify.formal.prompt' beside it); its variants are: concise (", run.Stdout, System.StringComparison.Ordinal);
            Assert.Single(run.Stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));

            File.WriteAllText(Path.Combine(folder, "Classify.formal.prompt"), Prompt);
            Assert.Equal(0, CliRun.Of("check", evalFile).ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Json_output_carries_eval_diagnostics()
    {
        var run = CliRun.Of("check", "--format", "json", Fixture.PathOf("evals/bad/Orphan.eval.yaml"));
        Assert.Equal(1, run.ExitCode);
        var diagnostic = Assert.Single(PromptJson.Parse(run.Stdout).Items);
        Assert.Equal("PG0501", diagnostic["id"]!.AsString);
        Assert.Equal(1, diagnostic["line"]!.AsNumber);
        Assert.Equal(9, diagnostic["column"]!.AsNumber);
    }

    [Fact]
    public void Folders_without_prompts_or_evals_say_so()
    {
        var empty = Path.Combine(Path.GetTempPath(), "promptgen-empty-" + System.Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        try
        {
            var run = CliRun.Of("check", empty);
            Assert.Equal("promptgen check: no .prompt or .eval.yaml files found\n", run.Stderr);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
