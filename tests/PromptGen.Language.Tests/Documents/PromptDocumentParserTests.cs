using System;
using System.Linq;
using System.Text;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Documents;

namespace PromptGen.Language.Tests.Documents;

public class PromptDocumentParserTests
{
    [Fact]
    public void SplitsFrontmatterAndTrimmedTemplateWithFilePositions()
    {
        var text = "---\nname: greet\n---\n\n  Hello {{name}}!  \n";
        var document = PromptDocumentParser.Parse("greet.prompt", text);

        Assert.Empty(document.Diagnostics);
        Assert.True(document.HasFrontmatter);
        Assert.Equal("Hello {{name}}!", document.Template);
        Assert.Equal(text.IndexOf("Hello", StringComparison.Ordinal), document.TemplateStart);
        var span = document.GetTemplateSpan(0, 5);
        Assert.Equal((5, 3), (span.StartLine, span.StartColumn));
        Assert.Equal("greet", document.Metadata.Name);
    }

    [Fact]
    public void WithoutFrontmatterTheWholeUntrimmedFileIsTheTemplate()
    {
        var document = PromptDocumentParser.Parse("a.prompt", "  Hello\n");
        Assert.Equal("  Hello\n", document.Template);
        Assert.Equal(0, document.TemplateStart);
        Assert.False(document.HasFrontmatter);
        Assert.Empty(document.Diagnostics);
        Assert.Equal("{\"ext\":{},\"metadata\":{},\"config\":{}}", document.Metadata.ToValue().ToString());
    }

    [Theory]
    [InlineData("\uFEFF---\nname: x\n---\nHi", 1, 1, 1, 2, "byte order mark")]
    [InlineData("\n---\nname: x\n---\nHi", 2, 1, 2, 4, "not at the very start")]
    [InlineData("  ---\nname: x\n---\nHi", 1, 3, 1, 6, "not at the very start")]
    [InlineData("--- yaml\nname: x\n---\nHi", 1, 1, 1, 9, "opening `---` line has other text")]
    [InlineData("---\nname: x\n---", 3, 1, 3, 4, "not followed by a line break")]
    [InlineData("---\nname: x\n--- end\nHi", 3, 1, 3, 8, "closing `---` line has other text")]
    [InlineData("---\nname: x\n  ---\nHi", 3, 3, 3, 6, "indented")]
    [InlineData("---\nname: x\nHi", 1, 1, 1, 4, "never closed")]
    [InlineData("---\n---\nHi", 1, 1, 1, 4, "empty")]
    [InlineData("---\n\n---\nHi", 1, 1, 1, 4, "empty")]
    public void FragileDelimitersWarnAndBehaveLikeTheReference(string text, int line, int column, int endLine, int endColumn, string messagePart)
    {
        var document = PromptDocumentParser.Parse("a.prompt", text);

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal("PG0004", diagnostic.Id);
        Assert.Equal(PromptDiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal((line, column, endLine, endColumn), (diagnostic.Span.StartLine, diagnostic.Span.StartColumn, diagnostic.Span.EndLine, diagnostic.Span.EndColumn));
        Assert.Contains(messagePart, diagnostic.Message);
        Assert.Equal(text, document.Template); // the reference renders the whole file
        Assert.Null(document.Metadata.Name);
    }

    [Fact]
    public void MarkdownRuleInBodyIsNotAWarning()
    {
        var document = PromptDocumentParser.Parse("a.prompt", "Intro\n---\nMore");
        Assert.Empty(document.Diagnostics);
    }

    [Fact]
    public void InvalidYamlIsPG0001AtTheYamlPositionAndTheTrimmedFileIsTheTemplate()
    {
        var text = "---\nname: x\nconfig: [1, 2\n---\nHi\n";
        var document = PromptDocumentParser.Parse("a.prompt", text);

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal("PG0001", diagnostic.Id);
        Assert.True(diagnostic.Line >= 3, diagnostic.ToString());
        Assert.Equal(text.Trim(), document.Template);
        Assert.False(document.HasFrontmatter);
        Assert.Null(document.Metadata.Raw);
    }

    [Fact]
    public void DuplicateKeyIsPG0001AtTheSecondKey()
    {
        var document = PromptDocumentParser.Parse("a.prompt", "---\nname: a\nmodel: m\nname: b\n---\nHi");
        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal("PG0001", diagnostic.Id);
        Assert.Equal((4, 1, 4, 5), (diagnostic.Line, diagnostic.Column, diagnostic.Span.EndLine, diagnostic.Span.EndColumn));
        Assert.Contains("'name' appears twice", diagnostic.Message);
    }

    [Fact]
    public void UnterminatedQuoteIsPG0001()
    {
        var document = PromptDocumentParser.Parse("a.prompt", "---\nname: \"oops\nmodel: m\n---\nHi");
        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal("PG0001", diagnostic.Id);
        Assert.Equal(2, diagnostic.Line);
    }

    [Fact]
    public void TabIndentationIsPG0001()
    {
        var document = PromptDocumentParser.Parse("a.prompt", "---\nconfig:\n\ttemperature: 1\n---\nHi");
        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal("PG0001", diagnostic.Id);
        Assert.Equal(3, diagnostic.Line);
        Assert.Contains("tab", diagnostic.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AliasBombIsPG0001WithoutExhaustingMemory()
    {
        var builder = new StringBuilder("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            builder.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");
        }

        builder.Append("---\nHi");
        var document = PromptDocumentParser.Parse("bomb.prompt", builder.ToString());
        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal("PG0001", diagnostic.Id);
        Assert.Contains("alias", diagnostic.Message);
    }

    [Fact]
    public void ModestAliasesAreFine()
    {
        var document = PromptDocumentParser.Parse("a.prompt", "---\nconfig: &c {temperature: 1}\nx.copy: *c\n---\nHi");
        Assert.Empty(document.Diagnostics);
        Assert.Equal("{\"copy\":{\"temperature\":1}}", document.Metadata.Ext["x"]!.ToString());
    }

    [Theory]
    [InlineData(true, 10_000)]
    [InlineData(false, 2_000)]
    public void DeepNestingIsPG0001(bool flow, int depth)
    {
        var yaml = flow
            ? "x.deep: " + new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Range(0, depth).Select(i => new string(' ', i) + "a:\n"));
        var document = PromptDocumentParser.Parse("deep.prompt", "---\n" + yaml + "\n---\nHi");
        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal("PG0001", diagnostic.Id);
        Assert.Contains("nested more than", diagnostic.Message);
    }

    [Fact]
    public void FiveMegabytesOfFrontmatterParse()
    {
        var builder = new StringBuilder("---\nname: big\n");
        for (var i = 0; builder.Length < 5_000_000; i++) builder.Append("x.key").Append(i).Append(": some value that is long enough\n");
        builder.Append("---\nHi");
        var document = PromptDocumentParser.Parse("big.prompt", builder.ToString());
        Assert.Empty(document.Diagnostics);
        Assert.Equal("big", document.Metadata.Name);
        Assert.Equal("Hi", document.Template);
    }

    [Fact]
    public void InvalidUtf16DoesNotCrash()
    {
        var document = PromptDocumentParser.Parse("a.prompt", "---\nname: \uD800bad\ndescription: \"\uDC00\"\n---\nHi \uD800");
        Assert.DoesNotContain(document.Diagnostics, d => d.Id == "PG9999");
        Assert.Equal("\uD800bad", document.Metadata.Name);
        Assert.Equal("Hi \uD800", document.Template);
    }

    [Theory]
    [InlineData("---\n")]
    [InlineData("---\n:\n---\n")]
    [InlineData("---\n? \n---\n")]
    [InlineData("---\n*x\n---\n")]
    [InlineData("---\n&a\n---\n")]
    [InlineData("---\n!!binary x\n---\n")]
    [InlineData("---\n%YAML 1.2\n---\n")]
    [InlineData("---\n{a: 1}}\n---\n")]
    [InlineData("---\n- a\nb: c\n---\n")]
    [InlineData("---\ninput:\n  schema:\n    (*)?: x\n    a((b: c\n    ?: [1]\n---\n")]
    public void OddInputNeverThrows(string text)
    {
        var document = PromptDocumentParser.Parse("odd.prompt", text);
        Assert.DoesNotContain(document.Diagnostics, d => d.Id == "PG9999");
        Assert.All(document.Diagnostics, d => Assert.True(d.Line >= 1 && d.Column >= 1));
    }

    [Fact]
    public void CrLfPositionsAreFileLines()
    {
        var document = PromptDocumentParser.Parse("a.prompt", "---\r\nname: x\r\nconfig:\r\n  temperature: hot\r\n---\r\nHi");
        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal("PG0003", diagnostic.Id);
        Assert.Equal((4, 16, 4, 19), (diagnostic.Line, diagnostic.Column, diagnostic.Span.EndLine, diagnostic.Span.EndColumn));
    }
}
