using System;
using System.Linq;
using System.Text.Json;
using PromptGen.Serialization;

namespace PromptGen.Tests.Serialization;

/// <summary>The one-line shape description generated output parsers are built from.</summary>
public sealed class OutputShapeTextTests
{
    public static TheoryData<string> Descriptions() => new()
    {
        "string",
        "integer?",
        "any",
        "enum(refund|double-charge|how-to)",
        "array<number>",
        "map<boolean?>?",
        "object{}",
        "object{category: enum(invoice|refund), summary: string, confidence: number}",
        "object{customer: object{name: string, email?: string?}, orders: array<object{orderId: string, currency?: enum(USD|EUR)?}>, extra?: any}",
    };

    [Theory]
    [MemberData(nameof(Descriptions))]
    public void A_description_builds_the_shape_that_writes_it(string description)
    {
        Assert.Equal(description, OutputShapeText.Parse(description).ToString());
    }

    [Fact]
    public void Properties_keep_their_order_and_whether_they_are_required()
    {
        var shape = OutputShapeText.Parse("object{name: string, note?: string?, tags: array<enum(a|b)>}");

        Assert.Equal(OutputShapeKind.Object, shape.Kind);
        Assert.Equal(new[] { "name", "note", "tags" }, shape.Properties.Select(p => p.Name));
        Assert.True(shape.Properties[0].Required);
        Assert.False(shape.Properties[1].Required);
        Assert.True(shape.Properties[1].Shape.IsNullable);
        Assert.Equal(new[] { "a", "b" }, shape.Properties[2].Shape.Item!.EnumValues);
    }

    [Fact]
    public void Names_that_hold_the_syntax_or_are_empty_are_quoted()
    {
        var shape = OutputShapeText.Parse("""object{"needs: review"?: enum("a|b"|"say \"hi\""|"back\\slash"|""|plain)}""");

        var property = Assert.Single(shape.Properties);
        Assert.Equal("needs: review", property.Name);
        Assert.False(property.Required);
        Assert.Equal(new[] { "a|b", "say \"hi\"", "back\\slash", "", "plain" }, property.Shape.EnumValues);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("text", 1)]
    [InlineData("object{name string}", 12)]
    [InlineData("enum()", 6)]
    [InlineData("array<string", 13)]
    [InlineData("object{a: string}}", 18)]
    [InlineData("enum(\"open)", 12)]
    [InlineData("enum(\"a\\b\")", 9)]
    public void A_malformed_description_names_the_character_where_it_stops(string description, int character)
    {
        var exception = Assert.Throws<FormatException>(() => OutputShapeText.Parse(description));
        Assert.Contains($"at character {character}:", exception.Message);
    }

    [Fact]
    public void A_parser_built_from_a_description_repairs_answers_to_that_shape()
    {
        var parser = new PromptOutputParser<string>(
            (ref Utf8JsonReader reader, out string value) =>
            {
                using var document = JsonDocument.ParseValue(ref reader);
                value = document.RootElement.GetProperty("category").GetString()!;
                return value is "double-charge" or "refund";
            },
            (writer, value) => writer.WriteStringValue(value),
            "object{category: enum(double-charge|refund)}");

        // A near miss of an enum value is mapped onto the shape's value by the schema-aligned parser.
        Assert.True(parser.TryParse("{\"category\": \"Double Charge\"}", out var value, out var report));
        Assert.Equal("double-charge", value);
        Assert.False(report.IsClean);
    }
}
