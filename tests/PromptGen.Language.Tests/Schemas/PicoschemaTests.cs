using System.Linq;
using PromptGen.Language.Documents;
using PromptGen.Language.Schemas;
using PromptGen.Language.Values;

namespace PromptGen.Language.Tests.Schemas;

public class PicoschemaTests
{
    private static PromptValue Yaml(string yaml) => Language.Yaml.YamlFrontmatterReader.Read(yaml, "t").Root!.Value;

    private static string Convert(string yaml, ISchemaResolver? schemas = null)
    {
        var result = Picoschema.Convert(Yaml(yaml)["schema"], new PicoschemaOptions { Schemas = schemas });
        Assert.Empty(result.Diagnostics);
        return PromptJson.Serialize(result.Schema!);
    }

    [Fact]
    public void ConvertsFieldsOptionalMarkersAndDescriptions()
    {
        Assert.Equal(
            "{\"type\":\"object\",\"properties\":{\"req\":{\"type\":\"string\",\"description\":\"required field\"},\"opt\":{\"type\":[\"boolean\",\"null\"]}},\"required\":[\"req\"],\"additionalProperties\":false}",
            Convert("schema:\n  req: string, required field\n  opt?: boolean"));
    }

    [Fact]
    public void ConvertsParentheticalsAndWildcards()
    {
        Assert.Equal(
            "{\"type\":\"object\",\"properties\":{\"tags\":{\"type\":[\"array\",\"null\"],\"items\":{\"type\":\"string\"},\"description\":\"the tags\"}," +
            "\"color\":{\"enum\":[\"RED\",\"BLUE\",null]},\"address\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],\"additionalProperties\":false}}," +
            "\"required\":[\"address\"],\"additionalProperties\":{\"description\":\"anything\"}}",
            Convert("schema:\n  tags?(array, the tags): string\n  color?(enum): [RED, BLUE]\n  address(object):\n    city: string\n  (*): any, anything"));
    }

    [Fact]
    public void TopLevelScalarsAndAnyKeepTheReferenceShape()
    {
        Assert.Equal("{\"type\":\"number\",\"description\":\"the description, with commas\"}", Convert("schema: number,the description, with commas"));
        Assert.Equal("{\"type\":\"any\"}", Convert("schema: any"));
    }

    [Fact]
    public void JsonSchemaPassesThroughAndPropertiesImplyObject()
    {
        Assert.Equal("{\"type\":\"string\",\"minLength\":1}", Convert("schema:\n  type: string\n  minLength: 1"));
        Assert.Equal("{\"properties\":{\"foo\":{\"type\":\"string\"}},\"type\":\"object\"}", Convert("schema:\n  properties:\n    foo: {type: string}"));
    }

    [Fact]
    public void NamedSchemasResolveAndTakeAnOverridingDescription()
    {
        var schemas = new DictionarySchemaResolver(new[] { new System.Collections.Generic.KeyValuePair<string, PromptValue>("Foo", Yaml("type: number\ndescription: a foo")) });
        Assert.Equal("{\"type\":\"number\",\"description\":\"mine\"}", Convert("schema: Foo, mine", schemas));
        Assert.Equal(
            "{\"type\":\"object\",\"properties\":{\"foo\":{\"type\":[\"number\",\"null\"],\"description\":\"a foo\"}},\"additionalProperties\":false}",
            Convert("schema:\n  foo?: Foo", schemas));
    }

    [Fact]
    public void FalsyOrMissingSchemaIsLeftAlone()
    {
        Assert.Null(Picoschema.Convert(PromptValue.String(string.Empty)).Schema);
        Assert.Null(Picoschema.Convert(null).Schema);
    }

    [Theory]
    [InlineData("tags: string[]", "PG0101", "tags(array): string")]
    [InlineData("name: String", "PG0101", "did you mean `string`")]
    [InlineData("count: int", "PG0101", "`integer`")]
    [InlineData("address: object", "PG0101", "address(object):")]
    [InlineData("who: Person", "PG0101", "no named schemas are registered")]
    [InlineData("empty:", "PG0101", "has no type")]
    [InlineData("n: 5", "PG0101", "the number 5")]
    [InlineData("tags(list): string", "PG0102", "(array)")]
    [InlineData("tags(string): string", "PG0102", "scalar types go in the value")]
    [InlineData("tags(array: string", "PG0102", "missing its closing")]
    [InlineData("tags(array)?: string", "PG0102", "optional marker goes before")]
    [InlineData("(*)?: string", "PG0102", "wildcard")]
    [InlineData("'*': string", "PG0102", "wildcard")]
    [InlineData("fo?o: string", "PG0102", "`?` inside the name")]
    [InlineData("'tags (array)': string", "PG0102", "spaces")]
    [InlineData("colors: [red, blue]", "PG0102", "(enum)")]
    [InlineData("color(enum): red", "PG0103", "list of values")]
    [InlineData("color(enum): []", "PG0103", "no values")]
    [InlineData("color(enum): [a, a]", "PG0103", "twice")]
    [InlineData("color(enum): [{a: 1}]", "PG0103", "must be strings")]
    [InlineData("type: string\n    name: string", "PG0104", "ignores `name`")]
    public void ReportsMistakesAtTheFieldKey(string field, string id, string messagePart)
    {
        var text = "---\noutput:\n  schema:\n    " + field + "\n---\n";
        var document = PromptDocumentParser.Parse("p.prompt", text);
        var diagnostic = document.Diagnostics.First(d => d.Id == id);
        Assert.Contains(messagePart, diagnostic.Message);
        Assert.Equal(4, diagnostic.Line);
        Assert.True(diagnostic.Column >= 5, diagnostic.ToString());
    }

    [Fact]
    public void SpansMapSchemaPointersToKeys()
    {
        var text = "---\ninput:\n  schema:\n    name: string\n    items(array):\n      sku: string\n---\n";
        var document = PromptDocumentParser.Parse("p.prompt", text);
        var conversion = document.Metadata.InputSchemaConversion!;
        Assert.True(conversion.TryGetSpan("/properties/items/items/properties/sku", out var sku));
        Assert.Equal((6, 7), (sku.StartLine, sku.StartColumn));
        Assert.True(conversion.TryGetSpan("/properties/name", out var name));
        Assert.Equal((4, 5, 4, 9), (name.StartLine, name.StartColumn, name.EndLine, name.EndColumn));
    }
}
