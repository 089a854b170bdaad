using System.Linq;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

/// <summary>Each generated enum member documents its wire value on its own line, whatever the value contains.</summary>
public sealed class EnumMemberDocTests
{
    private const string Prompt = """
        ---
        output:
          schema:
            status(enum): ["done */ now", "a <b> & c", "line\nbreak", plain]
        ---
        Status?
        """;

    [Fact]
    public void Wire_values_that_would_end_the_comment_or_the_line_compile_and_are_documented_exactly()
    {
        var harness = GeneratorHarness.Create(new[] { (GeneratorHarness.PathOf("Prompts/Status.prompt"), Prompt) });
        harness.Run();

        Assert.Empty(harness.CompilationErrors());
        var status = harness.OutputCompilation!.GetTypeByMetadataName("Acme.Support.Prompts.StatusPrompt+Status")!;
        var members = status.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToList();
        Assert.Equal(4, members.Count);
        var docs = members.Select(m => System.Xml.Linq.XElement.Parse(m.GetDocumentationCommentXml()!).Element("summary")!.Value).ToList();
        Assert.Equal(
            new[] { "Wire value done */ now.", "Wire value a <b> & c.", "Wire value line\nbreak.", "Wire value plain." },
            docs);
    }
}
