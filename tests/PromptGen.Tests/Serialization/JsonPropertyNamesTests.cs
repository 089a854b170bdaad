using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using PromptGen.Serialization;

namespace PromptGen.Tests.Serialization;

/// <summary>The property table generated record readers use to find which property the reader is on.</summary>
public sealed class JsonPropertyNamesTests
{
    private static readonly JsonPropertyNames s_names = new("category", "summary", "is_urgent");

    [Theory]
    [InlineData("""{"category":"a","summary":"b","is_urgent":"c"}""", "0=a 1=b 2=c")]
    [InlineData("""{"is_urgent":"c","category":"a","summary":"b"}""", "2=c 0=a 1=b")]
    [InlineData("""{"other":{"category":"x","deep":[{"summary":"y"}]},"summary":"b","more":[1,2]}""", "1=b")]
    [InlineData("""{"\u0063ategory":"a","is\u005furgent":"c"}""", "0=a 2=c")]
    [InlineData("""{"summary":"b","summary":"d"}""", "1=b 1=d")]
    [InlineData("""{"Category":"a","categor":"b","category2":"c"}""", "")]
    [InlineData("""{}""", "")]
    public void Finds_each_known_property_in_any_order_and_skips_the_rest(string json, string expected)
    {
        Assert.Equal(expected, Read(json));
    }

    [Fact]
    public void Ends_on_the_objects_closing_brace()
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("""[{"x":[1],"summary":"b"},7]"""));
        reader.Read();
        reader.Read();
        var index = -1;
        Assert.True(s_names.Next(ref reader, ref index));
        Assert.Equal(1, index);
        Assert.False(s_names.Next(ref reader, ref index));
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        reader.Read();
        Assert.Equal(7, reader.GetInt32());
    }

    private static string Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        var found = new List<string>();
        var index = -1;
        while (s_names.Next(ref reader, ref index))
        {
            // On the value, as the generated reader expects.
            found.Add(index + "=" + reader.GetString());
        }

        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        return string.Join(" ", found);
    }
}
