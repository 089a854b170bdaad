using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Naming;
using PromptGen.Language.Naming;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

public sealed class NamingTests
{
    [Theory]
    [InlineData("order_id", "OrderId")]
    [InlineData("in-progress", "InProgress")]
    [InlineData("triage ticket", "TriageTicket")]
    [InlineData("userID", "UserID")]
    [InlineData("v2.summary", "V2Summary")]
    [InlineData("TriageTicket", "TriageTicket")]
    public void Pascal_case_without_adjustment(string name, string expected)
    {
        Assert.Equal(expected, IdentifierNames.ToPascalCase(name, out var adjusted));
        Assert.False(adjusted);
    }

    [Theory]
    [InlineData("2fa-check", "_2faCheck")]
    [InlineData("what?", "What")]
    [InlineData("!!!", "Value")]
    [InlineData("", "Value")]
    public void Pascal_case_with_adjustment(string name, string expected)
    {
        Assert.Equal(expected, IdentifierNames.ToPascalCase(name, out var adjusted));
        Assert.True(adjusted);
    }

    [Theory]
    [InlineData("order_id", "orderId")]
    [InlineData("URL", "url")]
    [InlineData("HTTPStatus", "httpStatus")]
    [InlineData("Ticket", "ticket")]
    public void Camel_case(string name, string expected) => Assert.Equal(expected, IdentifierNames.ToCamelCase(name));

    [Theory]
    [InlineData("class", "@class")]
    [InlineData("event", "@event")]
    [InlineData("ticket", "ticket")]
    public void Keywords_are_escaped(string name, string expected) => Assert.Equal(expected, IdentifierNames.Escape(name));

    [Fact]
    public void Namespace_is_root_namespace_plus_folders()
    {
        var result = GeneratorHarness.Create(new[] { (GeneratorHarness.PathOf("Prompts/Support/Triage.prompt"), TestPrompts.Simple("triage")) }).Run();

        Assert.Equal("Acme.Support.Prompts.Support.TriagePrompt.g.cs", Assert.Single(result.PromptSources()).HintName);
    }

    [Fact]
    public void Folder_names_that_are_not_identifiers_become_valid_segments()
    {
        var result = GeneratorHarness.Create(new[] { (GeneratorHarness.PathOf("my-prompts/2024/Triage.prompt"), TestPrompts.Simple("triage")) }).Run();

        Assert.Equal("Acme.Support.my_prompts._2024.TriagePrompt.g.cs", Assert.Single(result.PromptSources()).HintName);
    }

    [Fact]
    public void Item_metadata_overrides_class_and_namespace()
    {
        var path = GeneratorHarness.PathOf("Prompts/Triage.prompt");
        var metadata = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [path] = new Dictionary<string, string> { ["PromptGenClassName"] = "Triager", ["PromptGenNamespace"] = "Other.Place" },
        };
        var harness = GeneratorHarness.Create(new[] { (path, TestPrompts.Simple("triage")) }, itemMetadata: metadata);
        var result = harness.Run();

        Assert.Equal("Other.Place.Triager.g.cs", Assert.Single(result.PromptSources()).HintName);
        Assert.NotNull(harness.OutputCompilation!.GetTypeByMetadataName("Other.Place.PromptChatClientExtensions")!.GetMembers("TriagerAsync").SingleOrDefault());
    }

    [Fact]
    public void Frontmatter_extension_keys_override_class_and_namespace()
    {
        var prompt = TestPrompts.Simple("triage").Replace("name: triage", "name: triage\ncsharp.class: TicketTriage\ncsharp.namespace: Acme.Prompts");
        var result = GeneratorHarness.Create(new[] { (GeneratorHarness.PathOf("Prompts/Triage.prompt"), prompt) }).Run();

        Assert.Equal("Acme.Prompts.TicketTriage.g.cs", Assert.Single(result.PromptSources()).HintName);
    }

    [Fact]
    public void Prompt_name_that_is_not_an_identifier_is_adjusted_with_PG0302_at_the_name()
    {
        var path = GeneratorHarness.PathOf("Prompts/Odd.prompt");
        var harness = GeneratorHarness.Create(new[] { (path, TestPrompts.Simple("what's up?")) });
        var result = harness.Run();

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0302");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal(1, span.StartLinePosition.Line); // line 2 of the file: "name: ..."
        Assert.Equal(6, span.StartLinePosition.Character); // column 7: the value
        Assert.Contains("WhatSUpPrompt", diagnostic.GetMessage());
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Acme.Support.Prompts.WhatSUpPrompt.g.cs");
    }

    [Fact]
    public void File_name_that_is_not_an_identifier_is_adjusted_with_PG0302_at_the_file_start()
    {
        var path = GeneratorHarness.PathOf("Prompts/2fa check.prompt");
        var prompt = TestPrompts.Simple("x").Replace("name: x\n", string.Empty);
        var result = GeneratorHarness.Create(new[] { (path, prompt) }).Run();

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0302");
        Assert.Equal(0, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Acme.Support.Prompts._2faCheckPrompt.g.cs");
    }

    [Fact]
    public void Two_prompts_with_the_same_class_get_PG0301_and_the_first_one_is_generated()
    {
        var first = GeneratorHarness.PathOf("Prompts/A.prompt");
        var second = GeneratorHarness.PathOf("Prompts/B.prompt");
        var harness = GeneratorHarness.Create(new[] { (second, TestPrompts.Simple("triage_ticket")), (first, TestPrompts.Simple("TriageTicket")) });
        var result = harness.Run();

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0301");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(second, span.Path);
        Assert.Equal(1, span.StartLinePosition.Line);
        Assert.Equal(6, span.StartLinePosition.Character);
        Assert.Contains(first, diagnostic.GetMessage());
        Assert.Single(result.PromptSources());
        Assert.Empty(harness.CompilationErrors());
    }

    [Fact]
    public void Same_name_in_different_folders_does_not_collide()
    {
        var result = GeneratorHarness.Create(new[]
        {
            (GeneratorHarness.PathOf("A/Triage.prompt"), TestPrompts.Simple("triage")),
            (GeneratorHarness.PathOf("B/Triage.prompt"), TestPrompts.Simple("triage")),
        }).Run();

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "PG0301");
        Assert.Equal(2, result.PromptSources().Length);
    }

    [Fact]
    public void Same_method_name_from_different_classes_collides()
    {
        var first = TestPrompts.Simple("triage").Replace("name: triage", "name: triage\ncsharp.class: TriagePrompt");
        var second = TestPrompts.Simple("other").Replace("name: other", "name: other\ncsharp.class: Triage");
        var result = GeneratorHarness.Create(new[]
        {
            (GeneratorHarness.PathOf("A.prompt"), first),
            (GeneratorHarness.PathOf("B.prompt"), second),
        }).Run();

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0301");
        Assert.Contains("TriageAsync", diagnostic.GetMessage());
    }

    [Fact]
    public void Properties_and_parameters_are_cased_and_escaped()
    {
        var harness = GeneratorHarness.Create(new[] { (GeneratorHarness.PathOf("Prompts/Summarize.prompt"), TestPrompts.Summarize) });
        harness.Run();

        var input = harness.OutputCompilation!.GetTypeByMetadataName("Acme.Support.Prompts.SummarizePrompt+Input")!;
        Assert.NotEmpty(input.GetMembers("Text"));
        Assert.NotEmpty(input.GetMembers("Class"));
        Assert.Empty(harness.CompilationErrors());
    }
}
