using System;
using System.Collections.Generic;
using System.Text.Json;
using PromptGen.Serialization;

namespace PromptGen.Tests.Serialization;

/// <summary>The shared Parse/TryParse of generated prompts: strict read first, then schema-aligned repair.</summary>
public sealed class PromptOutputParserTests
{
    private static readonly PromptOutputParser<IReadOnlyList<long>> s_numbers = new(
        (ref Utf8JsonReader reader, out IReadOnlyList<long> value) => JsonRead.List(ref reader, JsonRead.Int64, out value),
        (writer, value) => JsonWrite.List(writer, value, JsonWrite.Int64),
        OutputShape.Array(OutputShape.Integer));

    [Fact]
    public void Clean_json_is_read_strictly_with_the_clean_report()
    {
        Assert.True(s_numbers.TryParse("[1, 2]", out var value, out var report));

        Assert.Equal(new long[] { 1, 2 }, value);
        Assert.Same(PromptParseReport.Clean, report);
    }

    [Fact]
    public void Malformed_json_is_repaired_and_the_repairs_are_reported()
    {
        Assert.True(s_numbers.TryParse("Numbers: [1, \"2\",]", out var value, out var report));

        Assert.Equal(new long[] { 1, 2 }, value);
        Assert.True(report.Has(PromptRepairKind.TrailingComma));
    }

    [Fact]
    public void Unusable_output_fails_with_the_parsers_report_and_parse_throws()
    {
        Assert.False(s_numbers.TryParse("no numbers here", out _, out var report));
        Assert.NotNull(report.Error);
        Assert.False(s_numbers.TryParse(null, out _, out var empty));
        Assert.Equal("output is empty", empty.Error);

        var error = Assert.Throws<PromptOutputException>(() => s_numbers.Parse("no numbers here"));
        Assert.Equal(report.Error, error.Report.Error);
    }

    [Fact]
    public void Repaired_json_the_reader_still_rejects_fails_with_the_readers_reason()
    {
        var strict = new PromptOutputParser<long>(
            (ref Utf8JsonReader reader, out long value) => { value = 0; return JsonRead.Mismatch(ref reader, "nothing"); },
            JsonWrite.Int64,
            OutputShape.Integer);

        Assert.False(strict.TryParse("1", out _, out var report));

        Assert.Equal("the repaired output does not fit the output type: Expected nothing but found Number at $ (byte 0).", report.Error);
    }

    [Fact]
    public void Parse_to_json_writes_the_value_with_the_generated_writer()
    {
        var result = s_numbers.ParseToJson("```json\n[3]\n```");

        Assert.True(result.Success);
        Assert.Equal("[3]", result.ValueJson);
        Assert.True(result.Report.Has(PromptRepairKind.StrippedCodeFence));
        Assert.False(s_numbers.ParseToJson("{}").Success);
    }

    [Fact]
    public void Value_type_outputs_parse_into_nullable_values()
    {
        var parser = new PromptOutputParser<long>(JsonRead.Int64, JsonWrite.Int64, OutputShape.Integer);

        Assert.True(parser.TryParseNullable("\"42\"", out var value, out _));
        Assert.Equal(42L, value);
        Assert.False(parser.TryParseNullable("[]", out var none, out _));
        Assert.Null(none);
    }

    [Fact]
    public void The_response_format_carries_the_schema_it_was_given_under_the_name_asked_for()
    {
        var parser = new PromptOutputParser<long>(JsonRead.Int64, JsonWrite.Int64, "integer", """{"type":"integer"}""");

        var format = Assert.IsType<Microsoft.Extensions.AI.ChatResponseFormatJson>(parser.ResponseFormat("count", "How many."));
        Assert.Equal(("""{"type":"integer"}""", "count", "How many."), (format.Schema!.Value.GetRawText(), format.SchemaName, format.SchemaDescription));
        Assert.Equal(42L, parser.Parse("42"));
        var withoutSchema = new PromptOutputParser<long>(JsonRead.Int64, JsonWrite.Int64, "integer");
        Assert.Throws<InvalidOperationException>(() => withoutSchema.ResponseFormat("count", null));
    }
}
