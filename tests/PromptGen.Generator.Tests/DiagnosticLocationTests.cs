using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using PromptGen.Language.Semantics;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

/// <summary>Diagnostics surfaced through the generator point at the exact file, line and column (1-based here).</summary>
public sealed class DiagnosticLocationTests
{
    private static GeneratorRunResult Run(params (string Relative, string Text)[] files) =>
        GeneratorHarness.Create(files.Select(f => (GeneratorHarness.PathOf(f.Relative), f.Text))).Run();

    private static void AssertAt(Diagnostic diagnostic, string relative, int line, int column)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(GeneratorHarness.PathOf(relative), span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    private const string Frontmatter = "---\nname: p\ninput:\n  schema:\n    who: string\n---\n";

    [Fact]
    public void PG0202_unknown_helper_is_at_the_helper_name_in_the_prompt_body()
    {
        var result = Run(("Prompts/P.prompt", Frontmatter + "Hello {{who}}\nThen {{shout who}}"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0202");
        AssertAt(diagnostic, "Prompts/P.prompt", 8, 8);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        // Types are still generated so user code keeps compiling while the template is fixed.
        Assert.Single(result.PromptSources());
    }

    private const string CustomerFrontmatter = "---\nname: p\ninput:\n  schema:\n    customer:\n      name: string\n    tags(array): string\n---\n";

    [Fact]
    public void PG0203_undeclared_variable_is_at_the_misspelled_segment()
    {
        var result = Run(("Prompts/P.prompt", CustomerFrontmatter + "Hi {{customer.nmae}}\n{{#each tags}}{{this}}{{/each}}"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0203");
        AssertAt(diagnostic, "Prompts/P.prompt", 9, 15);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("Did you mean 'name'?", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0204_unused_input_is_a_warning_at_the_field_declaration()
    {
        var result = Run(("Prompts/P.prompt", CustomerFrontmatter + "Hi {{customer.name}}"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0204");
        AssertAt(diagnostic, "Prompts/P.prompt", 7, 5);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("'tags'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0209_type_misuse_is_at_the_misused_value()
    {
        var result = Run(("Prompts/P.prompt", CustomerFrontmatter + "{{#each tags}}{{this}}{{/each}}\n{{#each customer.name}}x{{/each}}"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0209");
        AssertAt(diagnostic, "Prompts/P.prompt", 10, 9);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void PG0210_media_without_a_known_type_is_a_warning_at_the_helper_with_its_help_link()
    {
        var result = Run(("Prompts/P.prompt", Frontmatter + "Describe:\n  {{media url=who}}\n{{media url=who contentType=\"image/png\"}}"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0210");
        AssertAt(diagnostic, "Prompts/P.prompt", 8, 3);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.EndsWith("/docs/diagnostics/PG0210.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.Single(result.PromptSources());
    }

    [Fact]
    public void PG0203_in_a_partial_is_reported_in_the_partial_file_for_the_prompt_whose_schema_it_breaks()
    {
        var result = Run(
            ("Prompts/P.prompt", CustomerFrontmatter + "{{#each tags}}{{this}}{{/each}}{{> card customer}}"),
            ("Prompts/_card.prompt", "Name: {{name}}\nMail: {{email}}"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0203");
        AssertAt(diagnostic, "Prompts/_card.prompt", 2, 9);
    }

    [Fact]
    public void Binder_diagnostics_match_what_promptgen_check_reports()
    {
        var text = CustomerFrontmatter + "Hi {{customer.nmae}} {{#each customer.name}}x{{/each}}";
        var result = Run(("Prompts/P.prompt", text));
        var fromBuild = result.Diagnostics.Where(d => d.Id is "PG0203" or "PG0204" or "PG0209")
            .Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1))
            .OrderBy(d => d).ToList();
        var fromCheck = PromptCompiler.Compile(GeneratorHarness.PathOf("Prompts/P.prompt"), text).Diagnostics
            .Where(d => d.Id is "PG0203" or "PG0204" or "PG0209")
            .Select(d => (d.Id, d.Span.StartLine, d.Span.StartColumn))
            .OrderBy(d => d).ToList();
        Assert.Equal(3, fromBuild.Count);
        Assert.Equal(fromCheck, fromBuild);
    }

    [Fact]
    public void PG0201_syntax_error_is_reported_once_in_the_prompt_file()
    {
        var result = Run(("Prompts/P.prompt", Frontmatter + "Hello {{#if who}}open"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0201");
        Assert.Equal(GeneratorHarness.PathOf("Prompts/P.prompt"), diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(7, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void PG0206_missing_partial_is_at_its_name_and_partials_generate_no_class()
    {
        var result = Run(
            ("Prompts/P.prompt", Frontmatter + "Hi {{> footr}}"),
            ("Prompts/_footer.prompt", "Bye"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0206");
        AssertAt(diagnostic, "Prompts/P.prompt", 7, 8);
        Assert.Equal(new[] { "Acme.Support.Prompts.PPrompt.g.cs" }, result.PromptSources().Select(s => s.HintName));
    }

    [Fact]
    public void A_mistake_in_a_partial_is_reported_once_on_the_partial_however_many_prompts_include_it()
    {
        var result = Run(
            ("Prompts/A.prompt", Frontmatter.Replace("name: p", "name: a") + "{{> footer}}"),
            ("Prompts/B.prompt", Frontmatter.Replace("name: p", "name: b") + "{{> footer}}"),
            ("Prompts/Shared/_footer.prompt", "Bye\n{{frobnicate who}}"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0202");
        AssertAt(diagnostic, "Prompts/Shared/_footer.prompt", 2, 3);
    }

    [Fact]
    public void PG0207_partial_cycle_is_reported()
    {
        var result = Run(
            ("Prompts/P.prompt", Frontmatter + "{{> ping}}"),
            ("Prompts/_ping.prompt", "{{> pong}}"),
            ("Prompts/_pong.prompt", "{{> ping}}"));

        var inPrompt = Assert.Single(result.Diagnostics, d => d.Id == "PG0207" && d.Location.GetLineSpan().Path.EndsWith("P.prompt", StringComparison.Ordinal));
        AssertAt(inPrompt, "Prompts/P.prompt", 7, 1);
    }

    [Fact]
    public void PG0001_invalid_yaml_is_at_the_error_and_not_configurable()
    {
        var result = Run(("Prompts/Bad.prompt", "---\nname: ok\ninput: [unclosed\n---\nHi"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0001");
        Assert.Equal(GeneratorHarness.PathOf("Prompts/Bad.prompt"), diagnostic.Location.GetLineSpan().Path);
        Assert.True(diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1 >= 3);
        Assert.Contains(WellKnownDiagnosticTags.NotConfigurable, diagnostic.Descriptor.CustomTags);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Warnings_stay_configurable()
    {
        var result = Run(("Prompts/P.prompt", "---\nname: p\nmodle: x\n---\nHi"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0002");
        AssertAt(diagnostic, "Prompts/P.prompt", 3, 1);
        Assert.DoesNotContain(WellKnownDiagnosticTags.NotConfigurable, diagnostic.Descriptor.CustomTags);
    }

    [Fact]
    public void PG0101_picoschema_mistake_is_at_the_field()
    {
        var result = Run(("Prompts/P.prompt", "---\nname: p\noutput:\n  schema:\n    tags: string[]\n---\nHi"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0101");
        Assert.Equal(GeneratorHarness.PathOf("Prompts/P.prompt"), diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(5, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void PG0003_wrong_config_value_is_reported_once_at_the_value()
    {
        var result = Run(("Prompts/P.prompt", "---\nname: p\nconfig:\n  temperature: hot\n---\nHi"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0003");
        AssertAt(diagnostic, "Prompts/P.prompt", 4, 16);
    }

    [Fact]
    public void PG0105_is_reported_once_for_a_construct_both_the_language_core_and_the_type_mapper_see()
    {
        var prompt = "---\nname: p\noutput:\n  schema:\n    type: object\n    properties:\n      v:\n        anyOf: [{type: string}, {type: integer}]\n    required: [v]\n---\nHi";
        var result = Run(("Prompts/P.prompt", prompt));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0105");
        Assert.Equal(8, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void PG0301_collision_is_at_the_name_of_the_losing_file()
    {
        var result = Run(
            ("Prompts/A.prompt", "---\nname: same\n---\nA"),
            ("Prompts/B.prompt", "---\nname: same\n---\nB"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0301");
        AssertAt(diagnostic, "Prompts/B.prompt", 2, 7);
    }

    [Fact]
    public void PG0302_adjusted_name_is_at_the_name_value()
    {
        var result = Run(("Prompts/A.prompt", "---\nname: \"what's up\"\n---\nA"));

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0302");
        AssertAt(diagnostic, "Prompts/A.prompt", 2, 7);
    }

    [Fact]
    public void PG9999_is_at_the_start_of_the_failing_file()
    {
        var broken = GeneratorHarness.PathOf("Prompts/Broken.prompt");
        var harness = GeneratorHarness.Create(new[] { (broken, "---\nname: broken\n---\nHi") });

        GeneratorRunResult result;
        using (PromptPipeline.OverrideParserForTesting((_, _) => throw new InvalidOperationException("boom")))
        {
            result = harness.Run();
        }

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG9999");
        AssertAt(diagnostic, "Prompts/Broken.prompt", 1, 1);
        Assert.Contains(WellKnownDiagnosticTags.NotConfigurable, diagnostic.Descriptor.CustomTags);
    }
}
