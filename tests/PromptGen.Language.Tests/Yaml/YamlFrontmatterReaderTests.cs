using System;
using System.Linq;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Tests.Yaml;

public class YamlFrontmatterReaderTests
{
    [Theory]
    [InlineData("yes", "\"yes\"")]
    [InlineData("on", "\"on\"")]
    [InlineData("True", "true")]
    [InlineData("FALSE", "false")]
    [InlineData("tRue", "\"tRue\"")]
    [InlineData("~", "null")]
    [InlineData("", "null")]
    [InlineData("Null", "null")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("017", "17")]
    [InlineData("0b11", "\"0b11\"")]
    [InlineData("+12", "12")]
    [InlineData("1e3", "1000")]
    [InlineData(".5", "0.5")]
    [InlineData("1_000", "\"1_000\"")]
    [InlineData("2001-12-14", "\"2001-12-14\"")]
    [InlineData("'1'", "\"1\"")]
    [InlineData("\"true\"", "\"true\"")]
    [InlineData("!!str 1", "\"1\"")]
    [InlineData("|\n  x\n  y\n", "\"x\\ny\\n\"")]
    public void TypesScalarsWithTheCoreSchema(string yaml, string json)
    {
        var result = YamlFrontmatterReader.Read("a: " + yaml, "t");
        Assert.True(result.Succeeded);
        Assert.Equal(json, PromptJson.Serialize(result.Root!.Value["a"]!));
    }

    [Theory]
    [InlineData(".inf", double.PositiveInfinity)]
    [InlineData("-.Inf", double.NegativeInfinity)]
    [InlineData(".NaN", double.NaN)]
    public void TypesSpecialFloats(string yaml, double expected)
    {
        Assert.Equal(expected, YamlFrontmatterReader.Read("a: " + yaml, "t").Root!.Value["a"]!.AsNumber);
    }

    [Fact]
    public void KeysBecomeJavaScriptPropertyNamesInJavaScriptOrder()
    {
        var value = YamlFrontmatterReader.Read("b: 1\n2: x\n1: y\nnull: n\n0x10: h", "t").Root!.Value;
        Assert.Equal("{\"1\":\"y\",\"2\":\"x\",\"16\":\"h\",\"b\":1,\"\":\"n\"}", PromptJson.Serialize(value));
    }

    [Fact]
    public void NestedMappingKeysAreReportedWithoutTheirTextGrowingAtEveryLevel()
    {
        // {{{...{a: 1}: 1}...}: 1}: a mapping as the key of a mapping as the key... Each level's key text was the JSON of
        // the level below, escaped again: doubled 40 times (found by the eval fuzz target, gigabytes at 29 levels).
        const int levels = 40;
        var yaml = "k: " + new string('{', levels) + "a: 1" + string.Concat(Enumerable.Repeat("}: 1", levels - 1)) + "}";

        var result = YamlFrontmatterReader.Read(yaml, "t");

        var errors = result.Diagnostics.Where(d => d.Message.Contains("cannot be a key", StringComparison.Ordinal)).ToList();
        Assert.Equal(levels - 1, errors.Count);
        Assert.All(errors, d => Assert.True(d.Message.Length < 400, d.Message));
    }

    [Fact]
    public void YamlTheParserCannotReadIsReportedWhereReadingStopped()
    {
        // An unclosed brace then a blank line: YamlDotNet's parser threw an InvalidOperationException, whose message
        // ("Operation is not valid due to the current state of the object") was reported at the start of the text
        // (found by the capture fuzz target, in an eval file).
        var yaml = "cases:\n  - id: a\n    input: {\n\n    c\n";

        var result = YamlFrontmatterReader.Read(yaml, "t");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticDescriptors.InvalidYaml.Id, error.Id);
        Assert.Equal((3, 12), (error.Line, error.Column));
        Assert.Equal("Invalid YAML in frontmatter: it cannot be read past this point; check the brackets, braces and quotes before it.", error.Message);
        Assert.Null(result.Root);
    }

    [Fact]
    public void SpansArePositionsInTheWholeFile()
    {
        var file = "---\nname: x\ninput:\n  schema:\n    city: string\n---\n";
        var result = YamlFrontmatterReader.Read(file, 4, file.IndexOf("\n---", 4) - 4, new LineMap(file), "f.prompt");
        var entry = result.Root!["input"]!["schema"]!.FindEntry("city")!;
        Assert.Equal((5, 5, 5, 9), (entry.KeySpan.StartLine, entry.KeySpan.StartColumn, entry.KeySpan.EndLine, entry.KeySpan.EndColumn));
        Assert.Equal((5, 11, 5, 17), (entry.Value.Span.StartLine, entry.Value.Span.StartColumn, entry.Value.Span.EndLine, entry.Value.Span.EndColumn));
    }

    [Fact]
    public void FlowCollectionSpansIncludeTheirBrackets()
    {
        var result = YamlFrontmatterReader.Read("a: [1, 2]\nb: {c: d}", "t");
        Assert.Equal((1, 4, 1, 10), (result.Root!["a"]!.Span.StartLine, result.Root["a"]!.Span.StartColumn, result.Root["a"]!.Span.EndLine, result.Root["a"]!.Span.EndColumn));
        Assert.Equal(4, result.Root["b"]!.Span.StartColumn);
        Assert.Equal(10, result.Root["b"]!.Span.EndColumn);
    }

    [Theory]
    [InlineData("a: 1\na: 2", 2)]
    [InlineData("null: 1\n~: 2", 2)]
    [InlineData("a: 1\nb: *nope", 2)]
    [InlineData("a: b\n--- x\nc: d", 2)]
    public void RejectsWhatTheReferenceRejects(string yaml, int line)
    {
        var result = YamlFrontmatterReader.Read(yaml, "t");
        Assert.False(result.Succeeded);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PG0001", diagnostic.Id);
        Assert.Equal(line, diagnostic.Line);
    }

    [Fact]
    public void NumberAndStringKeysThatCoincideAreNotDuplicatesAndTheLastWins()
    {
        var result = YamlFrontmatterReader.Read("1: a\n\"1\": b", "t");
        Assert.True(result.Succeeded);
        Assert.Equal("{\"1\":\"b\"}", PromptJson.Serialize(result.Root!.Value));
    }

    [Fact]
    public void ComplexKeysArePG0003()
    {
        var result = YamlFrontmatterReader.Read("? [a, b]\n: x", "t");
        Assert.True(result.Succeeded);
        Assert.Equal("PG0003", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void EmptyAndCommentOnlyTextHasNoDocument()
    {
        Assert.Null(YamlFrontmatterReader.Read("# just a comment\n", "t").Root);
        Assert.True(YamlFrontmatterReader.Read("   ", "t").Succeeded);
    }

    [Fact]
    public void AliasesShareTheAnchorValueButKeepTheirOwnSpan()
    {
        var result = YamlFrontmatterReader.Read("a: &x {k: v}\nb: *x", "t");
        var alias = result.Root!["b"]!;
        Assert.True(alias.IsAlias);
        Assert.Equal("{\"k\":\"v\"}", PromptJson.Serialize(alias.Value));
        Assert.Equal(2, alias.Span.StartLine);
    }
}
