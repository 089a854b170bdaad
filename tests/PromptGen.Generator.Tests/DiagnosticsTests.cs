using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using PromptGen.Language.Semantics;
using PromptGen.Generator.Tests.Infrastructure;
using RoslynDescriptors = PromptGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace PromptGen.Generator.Tests;

public sealed class DiagnosticsTests
{
    [Fact]
    public void Every_language_descriptor_has_a_roslyn_descriptor_with_a_help_link()
    {
        foreach (var descriptor in PromptGen.Language.Diagnostics.DiagnosticDescriptors.All)
        {
            var roslyn = RoslynDescriptors.Get(descriptor.Id);
            Assert.Equal(descriptor.Id, roslyn.Id);
            Assert.EndsWith($"/docs/diagnostics/{descriptor.Id}.md", roslyn.HelpLinkUri);
            Assert.Equal(descriptor.Severity.ToString(), roslyn.DefaultSeverity.ToString());
        }
    }

    [Fact]
    public void An_exception_while_parsing_one_file_is_PG9999_on_that_file_and_others_still_generate()
    {
        var broken = GeneratorHarness.PathOf("Prompts/Broken.prompt");
        var harness = GeneratorHarness.Create(new[]
        {
            (broken, TestPrompts.Simple("broken")),
            (GeneratorHarness.PathOf("Prompts/Fine.prompt"), TestPrompts.Simple("fine")),
        });

        GeneratorRunResult result;
        using (PromptPipeline.OverrideParserForTesting((path, text) =>
                   path == broken ? throw new InvalidOperationException("boom") : PromptCompiler.Parse(path, text)))
        {
            result = harness.Run();
        }

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG9999");
        Assert.Equal(broken, diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("boom", diagnostic.GetMessage());
        Assert.Equal(new[] { "Acme.Support.Prompts.FinePrompt.g.cs" }, result.PromptSources().Select(s => s.HintName));
        Assert.Null(result.Exception);
    }

    [Fact]
    public void Invalid_yaml_is_reported_in_the_prompt_file_and_nothing_is_generated_for_it()
    {
        var path = GeneratorHarness.PathOf("Prompts/Bad.prompt");
        var result = GeneratorHarness.Create(new[] { (path, "---\nname: [unclosed\n---\nHi") }).Run();

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0001");
        Assert.Equal(path, diagnostic.Location.GetLineSpan().Path);
        Assert.True(diagnostic.Location.GetLineSpan().StartLinePosition.Line >= 1);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Config_values_of_the_wrong_type_are_PG0003()
    {
        var prompt = TestPrompts.Simple("hot").Replace("name: hot", "name: hot\nconfig:\n  temperature: hot");
        var result = GeneratorHarness.Create(new[] { (GeneratorHarness.PathOf("Hot.prompt"), prompt) }).Run();

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0003");
        Assert.Contains("temperature", diagnostic.GetMessage());
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line); // the config mapping
    }

    [Fact]
    public void Non_prompt_additional_files_are_ignored()
    {
        var result = GeneratorHarness.Create(new[] { ("/src/Acme.Support/notes.txt", "---\nname: x\n---\n") }).Run();

        Assert.Empty(result.GeneratedSources);
        Assert.Empty(result.Diagnostics);
    }
}
