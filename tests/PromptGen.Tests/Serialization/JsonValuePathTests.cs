using System;
using System.Text;
using PromptGen.Serialization;

namespace PromptGen.Tests.Serialization;

/// <summary>The path a strict-read failure names: the value at a byte offset, found by reading the text again.</summary>
public sealed class JsonValuePathTests
{
    [Theory]
    [InlineData("""5""", "5", "$")]
    [InlineData("""{"a":1}""", "1", "$.a")]
    [InlineData("""{"a":{"b":[10,20,{"c":true}]}}""", "20", "$.a.b[1]")]
    [InlineData("""{"a":{"b":[10,20,{"c":true}]}}""", "true", "$.a.b[2].c")]
    [InlineData("""{"a":{"b":[10,20,{"c":true}]}}""", "{\"c\"", "$.a.b[2]")]
    [InlineData("""[[1],[2,[3,4]]]""", "4", "$[1][1][1]")]
    [InlineData("""[[],{},"x"]""", "\"x\"", "$[2]")]
    [InlineData("""{"odd key":1}""", "1", "$['odd key']")]
    [InlineData("""{"it's":1}""", "1", "$['it\\'s']")]
    [InlineData("""{"2nd":1}""", "1", "$['2nd']")]
    [InlineData("""{"order_id":1,"x-y":2}""", "2", "$['x-y']")]
    [InlineData("""{"$ref":1}""", "1", "$.$ref")]
    [InlineData("""{"Zürich":{"東京":"a"}}""", "\"a\"", "$.Zürich.東京")]
    [InlineData("""{"a\u0062":1}""", "1", "$.ab")]
    [InlineData("""{"a":1,"b":2}""", "\"b\"", "$.b")]
    [InlineData("""{"a":[{"b":1},{}]}""", "}]", "$.a[1]")] // a closing bracket stands for what it closes
    [InlineData("""{"a":[{"b":1},{}]}""", "]}", "$.a")]
    [InlineData("""{"a":[{"b":1},{}]}""", "}", "$")]
    public void Names_the_value_starting_at_the_offset(string json, string token, string path)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var offset = Encoding.UTF8.GetByteCount(json.Substring(0, json.LastIndexOf(token, StringComparison.Ordinal)));

        Assert.Equal(path, JsonValuePath.Of(utf8, offset));
    }

    [Fact]
    public void An_escaped_half_of_a_surrogate_pair_in_a_name_does_not_throw()
    {
        var json = """{"\ud800":{"b":1}}""";

        Assert.Equal("$['\\\\ud800'].b", JsonValuePath.Of(Encoding.UTF8.GetBytes(json), json.IndexOf('1')));
    }

    [Fact]
    public void Long_names_are_kept_whole()
    {
        var name = new string('n', 200);
        var json = "{\"" + name + "\":1}";

        Assert.Equal("$." + name, JsonValuePath.Of(Encoding.UTF8.GetBytes(json), json.IndexOf('1')));
    }

    [Theory]
    [InlineData("""{"a":1}""", -1)]
    [InlineData("""{"a":1}""", 7)]
    [InlineData("""{"a":1}""", 2)] // inside a name: no token starts there
    [InlineData("""{"a":,"b":1}""", 10)] // the text breaks before the offset
    public void Is_null_where_no_value_starts(string json, int offset)
    {
        Assert.Null(JsonValuePath.Of(Encoding.UTF8.GetBytes(json), offset));
    }
}
