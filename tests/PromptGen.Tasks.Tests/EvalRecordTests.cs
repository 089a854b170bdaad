using System;

namespace PromptGen.Tasks.Tests;

public sealed class EvalRecordTests
{
    [Fact]
    public void Reads_strings_with_escapes_numbers_booleans_and_null()
    {
        var record = EvalRecord.Parse("""{ "kind":"finding", "message":"a \"quoted\" \\ path\nnext \u00e9\u20ac {0}", "line": 12, "ok": true, "none": null }""");

        Assert.Equal("finding", record.Kind);
        Assert.Equal("a \"quoted\" \\ path\nnext é€ {0}", record.GetString("message"));
        Assert.Equal(12, record.GetInt32("line", 0));
        Assert.Equal("true", record.GetString("ok"));
        Assert.Null(record.GetString("none"));
        Assert.Null(record.GetString("absent"));
        Assert.Equal(7, record.GetInt32("absent", 7));
    }

    [Fact]
    public void Raw_utf8_text_and_an_empty_object_are_read()
    {
        Assert.Equal("Kündigung – 払い戻し", EvalRecord.Parse("""{"message":"Kündigung – 払い戻し"}""").GetString("message"));
        Assert.Equal("", EvalRecord.Parse("{}").Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"kind\":\"finding\"")]
    [InlineData("{\"kind\":\"finding\"} trailing")]
    [InlineData("{\"kind\":{\"nested\":1}}")]
    [InlineData("{\"kind\":[1]}")]
    [InlineData("{\"kind\":\"bad \\x escape\"}")]
    [InlineData("{\"kind\":\"\\u12\"}")]
    [InlineData("{\"line\":twelve}")]
    [InlineData("{kind:\"finding\"}")]
    public void Anything_but_a_flat_object_is_a_format_error(string line)
    {
        Assert.Throws<FormatException>(() => EvalRecord.Parse(line));
    }
}
