using PromptGen.Language.Values;

namespace PromptGen.Conformance.Tests;

public sealed class YamlValueReaderTests
{
    [Theory]
    [InlineData("v: yes", "\"yes\"")]
    [InlineData("v: no", "\"no\"")]
    [InlineData("v: true", "true")]
    [InlineData("v: FALSE", "false")]
    [InlineData("v: ~", "null")]
    [InlineData("v:", "null")]
    [InlineData("v: 42", "42")]
    [InlineData("v: -3.5e2", "-350")]
    [InlineData("v: 0x1F", "31")]
    [InlineData("v: 0o17", "15")]
    [InlineData("v: \"42\"", "\"42\"")]
    [InlineData("v: '3'", "\"3\"")]
    [InlineData("v: 1.2.3", "\"1.2.3\"")]
    [InlineData("v: 0123", "123")]
    public void Scalars_follow_the_YAML_1_2_core_schema(string yaml, string expectedJson)
    {
        var value = YamlValueReader.Read(yaml);
        Assert.Equal(expectedJson, PromptJson.Serialize(value["v"]!));
    }

    [Fact]
    public void Block_scalars_stay_strings_and_keep_their_newline()
    {
        var value = YamlValueReader.Read("t: |\n  Hello, {{name}}!\n");
        Assert.Equal("Hello, {{name}}!\n", value["t"]!.AsString);
    }

    [Fact]
    public void Mappings_keep_key_order()
    {
        var value = YamlValueReader.Read("b: 1\na: [x, 2]\n");
        Assert.Equal("{\"b\":1,\"a\":[\"x\",2]}", PromptJson.Serialize(value));
    }
}
