using System.Collections.Generic;
using System.Linq;
using PromptGen.Language.Documents;
using PromptGen.Language.Metadata;
using PromptGen.Language.Schemas;
using PromptGen.Language.Values;

namespace PromptGen.Language.Tests.Metadata;

public class PromptMetadataTests
{
    private static PromptDocument Parse(string frontmatter, PromptDocumentOptions? options = null) =>
        PromptDocumentParser.Parse("p.prompt", "---\n" + frontmatter + "\n---\nHello", options);

    /// <summary>The whole compile (schema checks such as PG0401 and PG0105 belong to the semantic model, not the document).</summary>
    private static PromptGen.Language.Semantics.PromptSemantics Compile(string frontmatter) =>
        PromptGen.Language.Semantics.PromptCompiler.Compile("p.prompt", "---\n" + frontmatter + "\n---\nHello");

    [Fact]
    public void ExtSplitsDottedKeysAtTheLastDotAndRawKeepsEverything()
    {
        var metadata = Parse("model: m\next1.foo: bar\next1.sub1.foo: baz\ncustom: prop").Metadata;
        Assert.Equal("{\"ext1\":{\"foo\":\"bar\"},\"ext1.sub1\":{\"foo\":\"baz\"}}", metadata.Ext.ToString());
        Assert.Equal("{\"model\":\"m\",\"ext1.foo\":\"bar\",\"ext1.sub1.foo\":\"baz\",\"custom\":\"prop\"}", metadata.Raw!.ToString());
        Assert.Equal("m", metadata.Model);
        Assert.Null(metadata.ToValue()["custom"]);
    }

    [Fact]
    public void MetadataKeyIsNotReadFromFrontmatterLikeTheReference()
    {
        var document = Parse("metadata:\n  owner: me");
        Assert.Equal("{}", document.Metadata.Metadata.ToString());
        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal("PG0002", diagnostic.Id);
    }

    [Fact]
    public void TypedAccessorsReadTheResolvedValues()
    {
        var metadata = Parse("name: n\nvariant: v\nversion: 2\ndescription: d\nconfig:\n  temperature: 0.5\ninput:\n  schema:\n    a: string\n  default:\n    a: x\noutput:\n  format: json\n  schema:\n    b: integer").Metadata;
        Assert.Equal(("n", "v", "2", "d"), (metadata.Name, metadata.Variant, metadata.Version, metadata.Description));
        Assert.Equal(0.5, metadata.Config["temperature"]!.AsNumber);
        Assert.Equal("{\"a\":\"x\"}", metadata.InputDefault!.ToString());
        Assert.Equal("object", metadata.InputSchema!["type"]!.AsString);
        Assert.Equal("json", metadata.OutputFormat);
        Assert.Equal("{\"type\":\"integer\"}", metadata.OutputSchema!["properties"]!["b"]!.ToString());
    }

    [Fact]
    public void MergeReplacesTopLevelKeysAndMergesConfigKeyByKey()
    {
        var file = Parse("model: m\nconfig:\n  temperature: 1\n  topK: 3\ninput:\n  schema:\n    name: string").Metadata;
        var options = PromptJson.Parse("{\"config\":{\"temperature\":0},\"input\":{\"default\":{\"name\":\"User\"}},\"template\":\"x\"}");

        var merged = PromptMetadata.Merge(file, options, null).ToValue();

        Assert.Equal("{\"temperature\":0,\"topK\":3}", merged["config"]!.ToString());
        Assert.Equal("{\"default\":{\"name\":\"User\"}}", merged["input"]!.ToString()); // the whole input is replaced, schema included
        Assert.Equal("m", merged["model"]!.AsString);
        Assert.Null(merged["template"]);
        Assert.Equal("object", file.InputSchema!["type"]!.AsString); // the file's metadata is unchanged
    }

    [Fact]
    public void MergeConvertsCallerSchemasAndUsesTheResolver()
    {
        var file = Parse("name: n").Metadata;
        var schemas = new DictionarySchemaResolver(new[] { new KeyValuePair<string, PromptValue>("Person", PromptJson.Parse("{\"type\":\"object\"}")) });
        var merged = PromptMetadata.Merge(file, PromptJson.Parse("{\"output\":{\"schema\":{\"who\":\"Person\"}}}"), schemas);
        Assert.Empty(merged.Diagnostics);
        Assert.Equal("{\"type\":\"object\"}", merged.OutputSchema!["properties"]!["who"]!.ToString());
    }

    [Fact]
    public void ToolsStayNamesWithoutAResolverAndMoveToToolDefsWithOne()
    {
        var unresolved = Parse("tools: [a, b]").Metadata;
        Assert.Equal("[\"a\",\"b\"]", unresolved.ToValue()["tools"]!.ToString());
        Assert.Equal("[]", unresolved.ToValue()["toolDefs"]!.ToString());

        var resolver = new ToolResolver();
        var resolved = Parse("tools: [a, b]", new PromptDocumentOptions { Tools = resolver }).Metadata;
        Assert.Equal(new[] { "b" }, resolved.Tools);
        Assert.Equal("{\"name\":\"a\"}", Assert.Single(resolved.ToolDefs).ToString());
    }

    [Theory]
    [InlineData("config:\n  temperature: hot", 3, 16)]
    [InlineData("config:\n  temperature: -1", 3, 16)]
    [InlineData("config:\n  maxOutputTokens: -1", 3, 20)]
    [InlineData("config:\n  maxOutputTokens: 1.5", 3, 20)]
    [InlineData("config:\n  topP: 2", 3, 9)]
    [InlineData("config:\n  stopSequences: END", 3, 18)]
    [InlineData("input: 5", 2, 8)]
    [InlineData("output:\n  format: xml", 3, 11)]
    [InlineData("name: 5", 2, 7)]
    [InlineData("tools: getWeather", 2, 8)]
    [InlineData("config: hot", 2, 9)]
    [InlineData("input:\n  default: 5", 3, 12)]
    public void WrongTypesAndRangesArePG0003AtTheValue(string frontmatter, int line, int column)
    {
        var diagnostic = Assert.Single(Parse(frontmatter).Diagnostics);
        Assert.Equal("PG0003", diagnostic.Id);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void AcceptsValidConfig()
    {
        Assert.Empty(Parse("model: m\nconfig:\n  temperature: 3\n  topP: 0.9\n  maxOutputTokens: 100\n  stopSequences: [x]\n  custom: 1").Diagnostics);
    }

    [Theory]
    [InlineData("modle: x", "Did you mean `model`?")]
    [InlineData("temperature: 1", "Custom settings belong")]
    [InlineData("Input: {}", "Did you mean `input`?")]
    public void UnknownKeysArePG0002WithSuggestions(string frontmatter, string messagePart)
    {
        var diagnostic = Assert.Single(Parse(frontmatter).Diagnostics);
        Assert.Equal("PG0002", diagnostic.Id);
        Assert.Contains(messagePart, diagnostic.Message);
        Assert.Equal((2, 1), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void ExtensionKeysAreNotUnknown()
    {
        Assert.Empty(Parse("csharp.class: Triage\ncsharp.namespace: Acme").Diagnostics);
    }

    [Theory]
    [InlineData("    name: string\n  default:\n    name: 5", 6, 11, "expects string")]
    [InlineData("    name: string\n  default:\n    nmae: x", 6, 5, "did you mean `name`?")]
    [InlineData("    color(enum): [RED, BLUE]\n  default:\n    color: GREEN", 6, 12, "not one of the allowed values")]
    [InlineData("    n?: integer\n  default:\n    n: 1.5", 6, 8, "expects integer or null")]
    [InlineData("    tags(array): string\n  default:\n    tags: [a, 2]", 6, 15, "`tags.1`")]
    public void DefaultsThatDoNotFitTheSchemaArePG0401(string schemaAndDefault, int line, int column, string messagePart)
    {
        var diagnostic = Assert.Single(Compile("input:\n  schema:\n" + schemaAndDefault).Diagnostics, d => d.Id != "PG0204");
        Assert.Equal("PG0401", diagnostic.Id);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
        Assert.Contains(messagePart, diagnostic.Message);
    }

    [Fact]
    public void FittingDefaultsAreFine()
    {
        Assert.DoesNotContain(Compile("input:\n  schema:\n    name: string\n    n?: integer\n    (*): any\n  default:\n    name: x\n    n: null\n    extra: 1").Diagnostics, d => d.Id != "PG0204");
    }

    [Theory]
    [InlineData("format: text\n  schema:\n    a: string", "PG0402")]
    [InlineData("format: array\n  schema:\n    a: string", "PG0402")]
    [InlineData("format: enum\n  schema: string", "PG0402")]
    public void FormatAndSchemaDisagreementIsPG0402(string output, string id)
    {
        var diagnostic = Assert.Single(Parse("output:\n  " + output).Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal((3, 11), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void JsonSchemaUnionsArePG0105AtTheConstruct()
    {
        var diagnostic = Assert.Single(Compile("output:\n  schema:\n    type: object\n    properties:\n      v:\n        oneOf: [{type: string}, {type: number}]").Diagnostics);
        Assert.Equal("PG0105", diagnostic.Id);
        Assert.Equal((7, 9), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void SpansOfKeysValuesAndSchemaFields()
    {
        var metadata = Parse("config:\n  temperature: 0.3\next1.sub1.foo: baz\ninput:\n  schema:\n    address(object):\n      city?: string\n    tags(array):\n      label: string").Metadata;

        var temperature = metadata.GetSpan("config.temperature")!.Value;
        Assert.Equal((3, 16, 3, 19), (temperature.StartLine, temperature.StartColumn, temperature.EndLine, temperature.EndColumn));
        Assert.Equal(3, metadata.GetKeySpan("config.temperature")!.Value.StartColumn);
        Assert.Equal((4, 16), (metadata.GetSpan("ext1.sub1.foo")!.Value.StartLine, metadata.GetSpan("ext1.sub1.foo")!.Value.StartColumn));
        Assert.Equal(4, metadata.GetSpan("ext.ext1.sub1.foo")!.Value.StartLine);

        var city = metadata.GetSpan("input.schema.address.city")!.Value;
        Assert.Equal((8, 7, 8, 12), (city.StartLine, city.StartColumn, city.EndLine, city.EndColumn));
        Assert.Equal((10, 7), (metadata.GetSpan("input.schema.tags.label")!.Value.StartLine, metadata.GetSpan("input.schema.tags.label")!.Value.StartColumn));
        Assert.Null(metadata.GetSpan("config.topK"));

        var merged = PromptMetadata.Merge(metadata, PromptJson.Parse("{\"config\":{\"temperature\":1}}"), null);
        Assert.Null(merged.GetSpan("config.temperature"));
        Assert.NotNull(merged.GetSpan("input.schema.address.city"));
    }

    private sealed class ToolResolver : IToolResolver
    {
        public PromptValue? Resolve(string name) => name == "a" ? PromptValue.Object(("name", PromptValue.String("a"))) : null;
    }
}
