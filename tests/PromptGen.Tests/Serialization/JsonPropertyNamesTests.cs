using System.Collections.Generic;
using System.Linq;
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

    private static readonly JsonPropertyNames s_tracked = new("Ticket", 0b101UL, "category", "summary", "is_urgent");

    [Theory]
    [InlineData("""{"is_urgent":"c","category":"a"}""", true, "")]
    [InlineData("""{"category":"a","summary":"b","category":"d"}""", false, "required property 'is_urgent' of Ticket is missing at $.")]
    [InlineData("""{"summary":"b","other":"x"}""", false, "required property 'category' of Ticket is missing at $.")]
    public void A_tracked_table_reads_the_properties_and_names_the_first_missing_required_one(string json, bool complete, string message)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();

        Assert.True(s_tracked.Start(ref reader, out string? value, out var cursor));
        Assert.Null(value);
        Assert.Equal(-1, cursor.Index);
        var found = new List<int>();
        while (s_tracked.Next(ref reader, ref cursor)) found.Add(cursor.Index);

        Assert.Equal(complete, s_tracked.Complete(ref reader, cursor));
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        if (!complete) Assert.Contains(message, JsonReadFailure.Describe(Encoding.UTF8.GetBytes(json)), System.StringComparison.Ordinal);
        Assert.Equal(found, Read(json).Split(' ', System.StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p.Split('=')[0])));
    }

    [Fact]
    public void A_tracked_table_does_not_start_on_a_value_that_is_not_an_object()
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("[1]"));
        reader.Read();

        Assert.False(s_tracked.Start(ref reader, out string? _, out _));
        Assert.Contains("Expected an object but found StartArray at $ (byte 0)", JsonReadFailure.Describe("[1]"u8), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_tracked_table_holds_at_most_64_properties()
    {
        var names = Enumerable.Range(0, JsonPropertyNames.MaxTrackedProperties + 1).Select(i => "p" + i).ToArray();

        Assert.Throws<System.ArgumentException>(() => new JsonPropertyNames("Wide", 1UL, names));
        Assert.NotNull(new JsonPropertyNames("Wide", 1UL, names.Take(JsonPropertyNames.MaxTrackedProperties).ToArray()));
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
