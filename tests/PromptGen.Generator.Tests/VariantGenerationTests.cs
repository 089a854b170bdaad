extern alias runtime;

using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Tests.Infrastructure;
using runtime::PromptGen.Catalog;

namespace PromptGen.Generator.Tests;

/// <summary>Variants (<c>Classify.concise.prompt</c> beside <c>Classify.prompt</c>) in the generator: one class, PG0620, catalog.</summary>
public sealed class VariantGenerationTests
{
    private const string Base = "---\ninput:\n  schema:\n    ticket: string\noutput:\n  schema:\n    category(enum): [billing, other]\n---\nClassify: {{ticket}}";
    private const string Concise = "---\nmodel: small\ninput:\n  schema:\n    ticket: string\noutput:\n  schema:\n    category(enum): [billing, other]\n---\n{{ticket}}?";

    private static GeneratorHarness Project(params (string Relative, string Text)[] files)
    {
        var harness = GeneratorHarness.Create(files.Select(f => (GeneratorHarness.PathOf(f.Relative), f.Text)));
        harness.Run();
        return harness;
    }

    private static void AssertAt(Diagnostic diagnostic, string relative, int line, int column)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(GeneratorHarness.PathOf(relative), span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    [Fact]
    public void A_variant_generates_into_its_base_class_and_the_project_compiles()
    {
        var harness = Project(("Prompts/Classify.prompt", Base), ("Prompts/Classify.concise.prompt", Concise));
        var result = harness.Run();

        Assert.Empty(result.Diagnostics);
        Assert.Empty(harness.CompilationErrors());
        var hints = result.GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Contains("Acme.Support.Prompts.ClassifyPrompt.g.cs", hints);
        Assert.Contains("Acme.Support.Prompts.ClassifyPrompt.ConciseVariant.g.cs", hints);
        Assert.DoesNotContain(hints, h => h.Contains("ClassifyConcise", StringComparison.Ordinal));
        var baseSource = result.GeneratedSources.Single(s => s.HintName == "Acme.Support.Prompts.ClassifyPrompt.g.cs").SourceText.ToString();
        Assert.Contains("public enum Variant", baseSource, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_a_dot_but_no_base_is_an_ordinary_prompt()
    {
        var harness = Project(("Prompts/Classify.concise.prompt", Concise));

        Assert.Empty(harness.CompilationErrors());
        Assert.Contains(harness.Run().GeneratedSources, s => s.HintName.Contains("ClassifyConcisePrompt", StringComparison.Ordinal));
    }

    [Fact]
    public void PG0620_a_variant_with_another_output_schema_is_an_error_at_its_output_schema()
    {
        var other = Concise.Replace("[billing, other]", "[billing, other, spam]", StringComparison.Ordinal);
        var harness = Project(("Prompts/Classify.prompt", Base), ("Prompts/Classify.concise.prompt", other));
        var result = harness.Run();

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0620");
        AssertAt(diagnostic, "Prompts/Classify.concise.prompt", 7, 3);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("same output schema", diagnostic.GetMessage(), StringComparison.Ordinal);
        // The base still generates, without the mismatched variant, so user code keeps compiling.
        Assert.Empty(harness.CompilationErrors());
        Assert.DoesNotContain("enum Variant", result.GeneratedSources.Single(s => s.HintName == "Acme.Support.Prompts.ClassifyPrompt.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0620_a_variant_without_the_input_schema_is_an_error_at_the_file_start()
    {
        var harness = Project(("Prompts/Classify.prompt", Base), ("Prompts/Classify.concise.prompt", "---\noutput:\n  schema:\n    category(enum): [billing, other]\n---\nHi"));

        var diagnostic = Assert.Single(harness.Run().Diagnostics, d => d.Id == "PG0620");
        AssertAt(diagnostic, "Prompts/Classify.concise.prompt", 1, 1);
        Assert.Contains("same input schema", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0506_the_build_checks_an_eval_files_experiment_block_against_the_variant_files_beside_the_prompt()
    {
        const string Eval = "cases:\n  - id: a\n    input: { ticket: x }\n    assert: [{ path: category, equals: billing }]\n"
            + "experiment:\n  control: concise/small\n  variants: [base, concise, formal]\n  models: [small]\n";
        var harness = Project(("Prompts/Classify.prompt", Base), ("Prompts/Classify.concise.prompt", Concise), ("Prompts/Classify.eval.yaml", Eval));

        var diagnostic = Assert.Single(harness.Run().Diagnostics);
        Assert.Equal("PG0506", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        AssertAt(diagnostic, "Prompts/Classify.eval.yaml", 7, 29);
        Assert.Contains("has no variant 'formal'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("its variants are: concise (", diagnostic.GetMessage(), StringComparison.Ordinal);

        var withFormal = Project(("Prompts/Classify.prompt", Base), ("Prompts/Classify.concise.prompt", Concise), ("Prompts/Classify.formal.prompt", Concise), ("Prompts/Classify.eval.yaml", Eval));
        Assert.Empty(withFormal.Run().Diagnostics);
    }

    [Fact]
    public void The_catalog_has_a_descriptor_per_variant_that_renders_the_variant()
    {
        var harness = Project(("Prompts/Classify.prompt", Base), ("Prompts/Classify.concise.prompt", Concise));
        using var stream = new MemoryStream();
        var emitted = harness.OutputCompilation!.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext("variants", isCollectible: true).LoadFromStream(stream);
        var catalogType = assembly.GetCustomAttribute<PromptCatalogAttribute>()!.CatalogType;
        var catalog = (System.Collections.Generic.IReadOnlyList<IPromptDescriptor>)catalogType.GetProperty("Prompts", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        Assert.Equal(new[] { "Prompts/Classify.concise.prompt", "Prompts/Classify.prompt" }, catalog.Select(p => p.SourcePath));
        Assert.All(catalog, p => Assert.Equal("Classify", p.Name));
        using var input = JsonDocument.Parse("""{"ticket":"Refund"}""");
        Assert.Equal("Refund?", catalog[0].RenderJson(input.RootElement).Single().Text);
        Assert.Equal("small", catalog[0].CreateOptions().ModelId);
        Assert.Equal("Classify: Refund", catalog[1].RenderJson(input.RootElement).Single().Text);
    }
}
