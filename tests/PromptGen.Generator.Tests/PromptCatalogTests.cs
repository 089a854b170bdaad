extern alias runtime;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using runtime::PromptGen.Catalog;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

/// <summary>The generated prompt catalog: descriptors that run the exact generated code, untyped.</summary>
public sealed class PromptCatalogTests
{
    private static GeneratorHarness Project(params (string Path, string Text)[] prompts)
    {
        var harness = GeneratorHarness.Create(prompts.Select(p => (GeneratorHarness.PathOf(p.Path), p.Text)));
        harness.Run();
        return harness;
    }

    private static GeneratorHarness FourPrompts() => Project(
        ("Prompts/Support/Triage.prompt", TestPrompts.Triage),
        ("Prompts/Summarize.prompt", TestPrompts.Summarize),
        ("Counter.prompt", TestPrompts.Counter),
        ("Prompts/Hello.prompt", TestPrompts.Simple("hello")));

    private static IReadOnlyList<IPromptDescriptor> LoadCatalog(GeneratorHarness harness)
    {
        using var stream = new MemoryStream();
        var emitted = harness.OutputCompilation!.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext("catalog", isCollectible: true).LoadFromStream(stream);
        var attribute = assembly.GetCustomAttribute<PromptCatalogAttribute>();
        Assert.NotNull(attribute);
        var prompts = attribute!.CatalogType.GetProperty("Prompts", BindingFlags.Public | BindingFlags.Static)!.GetValue(null);
        return Assert.IsAssignableFrom<IReadOnlyList<IPromptDescriptor>>(prompts);
    }

    [Fact]
    public void Catalog_lists_every_prompt_sorted_by_project_relative_path()
    {
        var catalog = LoadCatalog(FourPrompts());

        Assert.Equal(new[] { "Counter.prompt", "Prompts/Hello.prompt", "Prompts/Summarize.prompt", "Prompts/Support/Triage.prompt" }, catalog.Select(p => p.SourcePath));
        Assert.Equal(new[] { "count-words", "hello", "Summarize", "triage_ticket" }, catalog.Select(p => p.Name));
    }

    [Fact]
    public void Catalog_class_is_in_the_root_namespace_and_named_by_the_assembly_attribute()
    {
        var harness = FourPrompts();
        var source = harness.Run().GeneratedSources.Single(s => s.HintName == PromptSourceFilter.CatalogHintName).SourceText.ToString();

        Assert.Contains("[assembly: global::PromptGen.Catalog.PromptCatalog(typeof(global::Acme.Support.PromptGenCatalog))]", source, StringComparison.Ordinal);
        Assert.Empty(harness.CompilationErrors());
    }

    [Fact]
    public void Render_json_runs_the_generated_render_with_the_strict_input_codec()
    {
        var triage = LoadCatalog(FourPrompts()).Single(p => p.Name == "triage_ticket");

        using var input = JsonDocument.Parse("""{"ticket":"charged twice","priority":2}""");
        var messages = triage.RenderJson(input.RootElement);

        Assert.Equal("Triage this ticket: charged twice", Assert.Single(messages).Text);
        using var bad = JsonDocument.Parse("""{"ticket":5}""");
        Assert.ThrowsAny<JsonException>(() => triage.RenderJson(bad.RootElement));
    }

    [Fact]
    public void Create_options_and_output_schema_are_the_generated_ones()
    {
        var triage = LoadCatalog(FourPrompts()).Single(p => p.Name == "triage_ticket");

        var options = triage.CreateOptions();
        Assert.Equal("openai/gpt-4o-mini", options.ModelId);
        Assert.Equal(0.2f, options.Temperature);
        Assert.NotNull(triage.OutputJsonSchema);
        Assert.Contains("\"category\"", triage.OutputJsonSchema, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_to_json_writes_the_typed_value_with_wire_names_and_reports_repairs()
    {
        var hello = LoadCatalog(FourPrompts()).Single(p => p.Name == "hello");

        var clean = hello.ParseToJson("""{"greeting":"hi"}""");
        Assert.True(clean.Success);
        Assert.Equal("""{"greeting":"hi"}""", clean.ValueJson);
        Assert.True(clean.Report.IsClean);

        var repaired = hello.ParseToJson("Sure! ```json\n{greeting: 'hi',}\n```");
        Assert.True(repaired.Success, repaired.Report.Error);
        Assert.Equal("""{"greeting":"hi"}""", repaired.ValueJson);
        Assert.NotEmpty(repaired.Report.Repairs);

        var failed = hello.ParseToJson("no json at all");
        Assert.False(failed.Success);
        Assert.Null(failed.ValueJson);
        Assert.NotNull(failed.Report.Error);
    }

    [Fact]
    public void Text_output_parses_to_a_json_string_and_has_no_schema()
    {
        var summarize = LoadCatalog(FourPrompts()).Single(p => p.Name == "Summarize");

        var result = summarize.ParseToJson("Line \"one\"\nLine two");

        Assert.True(result.Success);
        Assert.Equal("\"Line \\u0022one\\u0022\\nLine two\"", result.ValueJson);
        Assert.Equal("Line \"one\"\nLine two", JsonSerializer.Deserialize<string>(result.ValueJson!));
        Assert.Null(summarize.OutputJsonSchema);
    }

    [Fact]
    public void Array_of_value_type_output_parses_to_json()
    {
        var counter = LoadCatalog(FourPrompts()).Single(p => p.Name == "count-words");

        var result = counter.ParseToJson("[1, 2, 3]");

        Assert.True(result.Success, result.Report.Error);
        Assert.Equal("[1,2,3]", result.ValueJson);
    }

    [Fact]
    public void No_prompts_no_catalog()
    {
        var result = GeneratorHarness.Create(Array.Empty<(string, string)>()).Run();

        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName == PromptSourceFilter.CatalogHintName);
    }

    [Fact]
    public void Prompt_with_fatal_errors_is_left_out_of_the_catalog()
    {
        var harness = Project(
            ("Prompts/Hello.prompt", TestPrompts.Simple("hello")),
            ("Prompts/Broken.prompt", "---\nname: [unclosed\n---\nHi"));

        var catalog = LoadCatalog(harness);

        Assert.Equal("hello", Assert.Single(catalog).Name);
    }

    [Fact]
    public void Editing_a_template_body_leaves_the_catalog_cached()
    {
        var harness = Project(("Prompts/A.prompt", TestPrompts.Simple("a")), ("Prompts/B.prompt", TestPrompts.Simple("b")));

        harness.ReplacePrompt(GeneratorHarness.PathOf("Prompts/A.prompt"), TestPrompts.Simple("a", "Good morning {{who}}"));
        var second = harness.Run();

        var catalogRuns = second.TrackedSteps[TrackingNames.PromptCatalog].SelectMany(r => r.Outputs).ToList();
        Assert.All(catalogRuns, o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"catalog was {o.Reason}"));
    }

    [Fact]
    public void Renaming_a_prompt_updates_the_catalog()
    {
        var harness = Project(("Prompts/A.prompt", TestPrompts.Simple("a")));

        harness.ReplacePrompt(GeneratorHarness.PathOf("Prompts/A.prompt"), TestPrompts.Simple("renamed"));
        var second = harness.Run();

        var source = second.GeneratedSources.Single(s => s.HintName == PromptSourceFilter.CatalogHintName).SourceText.ToString();
        Assert.Contains("RenamedPrompt.CreateDescriptor()", source, StringComparison.Ordinal);
        Assert.DoesNotContain("APrompt.", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_source_matches_snapshot()
    {
        var source = FourPrompts().Run().GeneratedSources.Single(s => s.HintName == PromptSourceFilter.CatalogHintName).SourceText.ToString();
        var snapshot = Path.Combine(SnapshotDirectory(), PromptSourceFilter.CatalogHintName);
        if (Environment.GetEnvironmentVariable("PROMPTGEN_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(snapshot, source);
            return;
        }

        Assert.True(File.Exists(snapshot), "No catalog snapshot; run with PROMPTGEN_UPDATE_SNAPSHOTS=1 to create it.");
        Assert.Equal(File.ReadAllText(snapshot).Replace("\r\n", "\n"), source);
    }

    private static string SnapshotDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Snapshots");
}
