using System.Linq;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

/// <summary>C# keywords as folder, prompt and field names; hint names; case-insensitive collisions; no CS8785, ever.</summary>
public sealed class KeywordNameTests
{
    private const string EventPrompt = """
        ---
        input:
          schema:
            class: string
            event?: string
            namespace(object):
              public: boolean
        output:
          schema:
            return: string
            static(enum): [internal, void]
        ---
        {{class}} {{event}} {{#if namespace.public}}yes{{/if}}
        """;

    [Fact]
    public void A_folder_named_after_a_keyword_generates_and_compiles()
    {
        var harness = GeneratorHarness.Create(new[]
        {
            (GeneratorHarness.PathOf("Prompts/internal/Event.prompt"), EventPrompt),
            (GeneratorHarness.PathOf("Prompts/Other.prompt"), TestPrompts.Simple("other")),
        });
        var result = harness.Run();

        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "CS8785" or "PG9999");
        Assert.Null(result.Exception);
        Assert.Equal(
            new[] { "Acme.Support.Prompts.OtherPrompt.g.cs", "Acme.Support.Prompts.internal.EventPrompt.g.cs" },
            result.PromptSources().Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal));
        Assert.Empty(harness.CompilationErrors());
        Assert.NotNull(harness.OutputCompilation!.GetTypeByMetadataName("Acme.Support.Prompts.internal.EventPrompt"));
    }

    [Fact]
    public void A_prompt_named_after_a_keyword_generates_and_compiles()
    {
        var harness = GeneratorHarness.Create(new[] { (GeneratorHarness.PathOf("Prompts/class.prompt"), EventPrompt) });
        var result = harness.Run();

        Assert.Empty(harness.CompilationErrors());
        Assert.Equal("Acme.Support.Prompts.ClassPrompt.g.cs", Assert.Single(result.PromptSources()).HintName);
    }

    [Fact]
    public void Two_classes_that_differ_only_in_case_are_PG0301_not_a_generator_crash()
    {
        var first = GeneratorHarness.PathOf("Prompts/a/Triage.prompt");
        var second = GeneratorHarness.PathOf("Prompts/b/Triage.prompt");
        var harness = GeneratorHarness.Create(
            new[] { (first, TestPrompts.Simple("triage")), (second, TestPrompts.Simple("triage")) },
            itemMetadata: new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyDictionary<string, string>>
            {
                [first] = new System.Collections.Generic.Dictionary<string, string> { ["PromptGenNamespace"] = "Acme.Prompts" },
                [second] = new System.Collections.Generic.Dictionary<string, string> { ["PromptGenNamespace"] = "Acme.prompts" },
            });
        var result = harness.Run();

        Assert.Null(result.Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "CS8785");
        var collision = Assert.Single(result.Diagnostics, d => d.Id == "PG0301");
        Assert.Equal(second, collision.Location.GetLineSpan().Path);
        Assert.Contains("ignore case", collision.GetMessage());
        Assert.Single(result.PromptSources());
        Assert.Empty(harness.CompilationErrors());
    }
}
