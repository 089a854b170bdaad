using System;
using System.Collections.Generic;
using System.Text.Json;
using PromptGen.Serialization;

namespace PromptGen.Tests.Serialization;

/// <summary>The runtime's strict readers and writers that generated codecs call, through <see cref="JsonText"/>.</summary>
public sealed class JsonReadTests
{
    public enum Color
    {
        Red,
        DarkBlue,
    }

    private static readonly JsonEnumNames<Color> s_colors = new("red", "dark-blue");

    [Fact]
    public void Primitives_and_collections_read_and_write_round_trip()
    {
        const string json = """{"a":[1,2],"b":null,"c":{"x":"y"}}""";

        var map = JsonText.Read(json, (ref Utf8JsonReader reader, out IReadOnlyDictionary<string, JsonElement?> value) =>
            JsonRead.Map(ref reader, JsonRead.NullableJson, out value));

        Assert.Equal(json, JsonText.Write(map, (writer, value) => JsonWrite.Map(writer, value, JsonWrite.NullableJson)));
        var list = JsonText.Read("[1, null, -3]", (ref Utf8JsonReader reader, out IReadOnlyList<long?> value) => JsonRead.List(ref reader, JsonRead.NullableInt64, out value));
        Assert.Equal(new long?[] { 1, null, -3 }, list);
    }

    [Theory]
    [InlineData("[1.5]", "Expected a whole number in range but found Number at $[0] (byte 1).")]
    [InlineData("[2, \"1\"]", "Expected a number but found String at $[1] (byte 4).")]
    [InlineData("[99999999999999999999]", "Expected a whole number in range but found Number at $[0] (byte 1).")]
    [InlineData("{\"a\":1}", "Expected an array but found StartObject at $ (byte 0).")]
    public void A_value_of_the_wrong_kind_fails_without_an_exception_and_says_why(string json, string message)
    {
        Assert.False(JsonText.TryRead<IReadOnlyList<long>>(json, ReadLongs, out _));

        var error = Assert.Throws<JsonException>(() => JsonText.Read<IReadOnlyList<long>>(json, ReadLongs));
        Assert.Equal(message, error.Message);
        Assert.Equal(message.Substring(message.IndexOf(" at ", StringComparison.Ordinal) + 4).Split(' ')[0], error.Path);
    }

    [Fact]
    public void Nullable_value_readers_read_null_their_kind_and_reject_another_kind_with_its_message()
    {
        Assert.Equal(new int?[] { null, 7 }, JsonText.Read("[null, 7]", ListOf<int?>(JsonRead.NullableInt32)));
        Assert.Equal(new double?[] { 2.5, null }, JsonText.Read("[2.5, null]", ListOf<double?>(JsonRead.NullableDouble)));
        Assert.Equal(new bool?[] { false, null, true }, JsonText.Read("[false, null, true]", ListOf<bool?>(JsonRead.NullableBoolean)));
        Assert.Equal(new Color?[] { Color.DarkBlue, null }, JsonText.Read("[\"dark-blue\", null]",
            ListOf<Color?>((ref Utf8JsonReader reader, out Color? value) => JsonRead.NullableValue(ref reader, s_colors.Reader, out value))));

        Assert.Equal("Expected a number but found True at $[0] (byte 1).",
            Assert.Throws<JsonException>(() => JsonText.Read("[true]", ListOf<int?>(JsonRead.NullableInt32))).Message);
        Assert.Equal("Expected a whole number in range but found Number at $[0] (byte 1).",
            Assert.Throws<JsonException>(() => JsonText.Read("[3000000000]", ListOf<int?>(JsonRead.NullableInt32))).Message);
        Assert.Equal("Expected a number but found String at $[0] (byte 1).",
            Assert.Throws<JsonException>(() => JsonText.Read("[\"2.5\"]", ListOf<double?>(JsonRead.NullableDouble))).Message);
        Assert.Equal("Expected true or false but found Number at $[0] (byte 1).",
            Assert.Throws<JsonException>(() => JsonText.Read("[0]", ListOf<bool?>(JsonRead.NullableBoolean))).Message);
    }

    [Fact]
    public void Nullable_value_writers_write_null_or_their_value()
    {
        Assert.Equal("[null,7]", JsonText.Write<IReadOnlyList<int?>>(new int?[] { null, 7 }, (w, v) => JsonWrite.List(w, v, JsonWrite.NullableInt32)));
        Assert.Equal("[9007199254740993,null]", JsonText.Write<IReadOnlyList<long?>>(new long?[] { 9007199254740993, null }, (w, v) => JsonWrite.List(w, v, JsonWrite.NullableInt64)));
        Assert.Equal("[2.5,null]", JsonText.Write<IReadOnlyList<double?>>(new double?[] { 2.5, null }, (w, v) => JsonWrite.List(w, v, JsonWrite.NullableDouble)));
        Assert.Equal("[false,null,true]", JsonText.Write<IReadOnlyList<bool?>>(new bool?[] { false, null, true }, (w, v) => JsonWrite.List(w, v, JsonWrite.NullableBoolean)));
        Assert.Equal("[\"dark-blue\",null]", JsonText.Write<IReadOnlyList<Color?>>(new Color?[] { Color.DarkBlue, null },
            (w, v) => JsonWrite.List(w, v, (w2, c) => JsonWrite.NullableValue(w2, c, s_colors.Writer))));
    }

    private static JsonValueReader<IReadOnlyList<T>> ListOf<T>(JsonValueReader<T> readItem) =>
        (ref Utf8JsonReader reader, out IReadOnlyList<T> value) => JsonRead.List(ref reader, readItem, out value);

    [Fact]
    public void Invalid_json_throws_the_readers_own_error_from_the_throwing_entry_point()
    {
        Assert.False(JsonText.TryRead<IReadOnlyList<long>>("[1,]", ReadLongs, out _));

        var error = Assert.ThrowsAny<JsonException>(() => JsonText.Read<IReadOnlyList<long>>("[1,]", ReadLongs));
        Assert.Contains("BytePositionInLine: 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_property_is_named()
    {
        var error = Assert.Throws<JsonException>(() => JsonText.Read("{}", (ref Utf8JsonReader reader, out object value) =>
        {
            value = new object();
            return JsonRead.MissingProperty(ref reader, 0b101UL, "Output", "a", "b", "c");
        }));
        Assert.Equal("The required property 'b' of Output is missing at $.", error.Message);
        Assert.Equal("$", error.Path);
    }

    [Theory]
    [InlineData("\"red\"", Color.Red)]
    [InlineData("\"dark-blue\"", Color.DarkBlue)]
    [InlineData("\"dark\\u002dblue\"", Color.DarkBlue)]
    public void Enum_names_read_exact_wire_names_escaped_or_not(string json, Color expected)
    {
        Assert.True(JsonText.TryRead(json, s_colors.Reader, out var color));
        Assert.Equal(expected, color);
    }

    [Theory]
    [InlineData("\"Red\"")]
    [InlineData("\"blue\"")]
    [InlineData("1")]
    public void Enum_names_reject_anything_else(string json)
    {
        var error = Assert.Throws<JsonException>(() => JsonText.Read(json, s_colors.Reader));
        Assert.StartsWith("Expected a value of Color but found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_names_convert_members_both_ways()
    {
        Assert.Equal("dark-blue", s_colors.NameOf((int)Color.DarkBlue));
        Assert.Equal("\"dark-blue\"", JsonText.Write(Color.DarkBlue, s_colors.Writer));
        Assert.True(s_colors.TryParse("red", out var red));
        Assert.Equal(Color.Red, red);
        Assert.False(s_colors.TryParse("RED", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_colors.NameOf(2));
    }

    private static bool ReadLongs(ref Utf8JsonReader reader, out IReadOnlyList<long> value) => JsonRead.List(ref reader, JsonRead.Int64, out value);
}
