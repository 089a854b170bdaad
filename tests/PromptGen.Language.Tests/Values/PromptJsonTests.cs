using PromptGen.Language.Values;

namespace PromptGen.Language.Tests.Values;

public class PromptJsonTests
{
    [Fact]
    public void Round_trips_every_kind()
    {
        const string json = """{"s":"a\"b\\c\n","n":-1.25e3,"t":true,"f":false,"z":null,"a":[1,[],{}],"o":{"k":"v"}}""";
        var value = PromptJson.Parse(json);

        Assert.Equal(PromptValueKind.Object, value.Kind);
        Assert.Equal("a\"b\\c\n", value["s"]!.AsString);
        Assert.Equal(-1250d, value["n"]!.AsNumber);
        Assert.Equal("""{"s":"a\"b\\c\n","n":-1250,"t":true,"f":false,"z":null,"a":[1,[],{}],"o":{"k":"v"}}""", PromptJson.Serialize(value));
    }

    [Fact]
    public void Indents_like_JSON_stringify()
    {
        var value = PromptJson.Parse("""{"a":[1,2],"b":{},"c":[],"d":{"e":"x"}}""");

        Assert.Equal("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": [],\n  \"d\": {\n    \"e\": \"x\"\n  }\n}", PromptJson.Serialize(value, indent: 2));
    }

    [Fact]
    public void Sorts_keys_when_asked_and_keeps_insertion_order_otherwise()
    {
        var value = PromptJson.Parse("""{"b":1,"a":{"d":1,"c":2}}""");

        Assert.Equal("""{"b":1,"a":{"d":1,"c":2}}""", PromptJson.Serialize(value));
        Assert.Equal("""{"a":{"c":2,"d":1},"b":1}""", PromptJson.Serialize(value, sortKeys: true));
    }

    [Fact]
    public void Escapes_control_characters_and_lone_surrogates_but_not_other_unicode()
    {
        var value = PromptValue.String("é😀\u0001\ud800");

        Assert.Equal("\"é😀\\u0001\\ud800\"", PromptJson.Serialize(value));
    }

    [Fact]
    public void Repeated_keys_keep_the_last_value_at_the_first_position()
    {
        var value = PromptJson.Parse("""{"a":1,"b":2,"a":3}""");

        Assert.Equal("""{"a":3,"b":2}""", value.ToString());
    }

    [Theory]
    [InlineData("", 1, 1)]
    [InlineData("{", 1, 2)]
    [InlineData("{\"a\":}", 1, 6)]
    [InlineData("[1,]", 1, 4)]
    [InlineData("{\n  \"a\": tru\n}", 2, 8)]
    [InlineData("\"unterminated", 1, 14)]
    [InlineData("01", 1, 2)]
    [InlineData("{'a':1}", 1, 2)]
    [InlineData("[1] x", 1, 5)]
    public void Reports_the_position_of_invalid_json(string text, int line, int column)
    {
        var exception = Assert.Throws<PromptJsonException>(() => PromptJson.Parse(text));

        Assert.Equal(line, exception.Line);
        Assert.Equal(column, exception.Column);
    }

    [Fact]
    public void Rejects_excessive_nesting_without_overflowing_the_stack()
    {
        var text = new string('[', 100_000) + new string(']', 100_000);

        var exception = Assert.Throws<PromptJsonException>(() => PromptJson.Parse(text));
        Assert.Contains("nested deeper", exception.Message);
    }

    [Fact]
    public void Objects_compare_as_sets_of_keys()
    {
        Assert.Equal(PromptJson.Parse("""{"a":1,"b":[1,2]}"""), PromptJson.Parse("""{"b":[1,2],"a":1}"""));
        Assert.NotEqual(PromptJson.Parse("""{"a":1}"""), PromptJson.Parse("""{"a":1,"b":null}"""));
        Assert.NotEqual(PromptJson.Parse("[1,2]"), PromptJson.Parse("[2,1]"));
    }
}
