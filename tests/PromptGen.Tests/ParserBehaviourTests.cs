extern alias evals;

using System;
using System.Linq;
using System.Text;

namespace PromptGen.Tests;

public class ParserBehaviourTests
{
    private static readonly OutputShape Invoice = evals::PromptGen.Evals.Schemas.OutputShapes.FromJsonSchema("""
        {
          "type": "object",
          "properties": {
            "items": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": { "name": { "type": "string" }, "quantity": { "type": "integer" } },
                "required": ["name", "quantity"]
              }
            },
            "note": { "type": ["string", "null"] }
          },
          "required": ["items"]
        }
        """);

    [Fact]
    public void Report_locates_each_repair_by_path_and_span()
    {
        const string text = "{\"items\": [{\"name\": \"Widget\", \"quantity\": \"3\"}], \"note\": null,}";
        var outcome = SchemaAlignedParser.Parse(text, Invoice);

        Assert.True(outcome.Success);
        Assert.Equal("{\"items\":[{\"name\":\"Widget\",\"quantity\":3}],\"note\":null}", outcome.JsonText);
        var number = Assert.Single(outcome.Report.Repairs, r => r.Kind == PromptRepairKind.NumberFromString);
        Assert.Equal("$.items[0].quantity", number.Path);
        Assert.Equal("\"3\"", text.Substring(number.Start, number.Length));
        var comma = Assert.Single(outcome.Report.Repairs, r => r.Kind == PromptRepairKind.TrailingComma);
        Assert.Equal(",", text.Substring(comma.Start, comma.Length));
        Assert.Equal(text.LastIndexOf(','), comma.Start);
        Assert.False(outcome.Report.IsClean);
        Assert.Null(outcome.Report.Error);
        Assert.Contains("NumberFromString at $.items[0].quantity", outcome.Report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Error_names_the_path_of_the_missing_required_property()
    {
        var outcome = SchemaAlignedParser.Parse("{\"items\": [{\"name\": \"Widget\"}]}", Invoice);

        Assert.False(outcome.Success);
        Assert.Equal("$.items[0].quantity", outcome.Report.ErrorPath);
        Assert.Equal("$.items[0].quantity: missing required property 'quantity'", outcome.Report.Error);
        Assert.True(outcome.Utf8Json.IsEmpty);
        Assert.Null(outcome.JsonText);
    }

    [Fact]
    public void Canonical_json_lists_every_declared_property_in_declaration_order()
    {
        var outcome = SchemaAlignedParser.Parse("{'items': [{'quantity': 2, 'name': 'B'}]}", Invoice);

        Assert.Equal("{\"items\":[{\"name\":\"B\",\"quantity\":2}],\"note\":null}", outcome.JsonText);
        Assert.Equal(outcome.JsonText, Encoding.UTF8.GetString(outcome.Utf8Json.ToArray()));
    }

    [Fact]
    public void Clean_json_is_clean_and_strict_accepts_it()
    {
        var outcome = SchemaAlignedParser.Parse(" {\"items\": [], \"note\": \"x\"} ", Invoice, new PromptParseOptions { Strict = true });

        Assert.True(outcome.Success);
        Assert.True(outcome.Report.IsClean);
        Assert.Empty(outcome.Report.Repairs);
        Assert.Equal("clean", outcome.Report.ToString());
    }

    [Fact]
    public void Strict_mode_rejects_a_fenced_payload_and_names_the_repair()
    {
        var outcome = SchemaAlignedParser.Parse("```json\n{\"items\": []}\n```", Invoice, new PromptParseOptions { Strict = true });

        Assert.False(outcome.Success);
        Assert.Contains("StrippedCodeFence", outcome.Report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOrThrow_throws_PromptOutputException_with_report_and_text()
    {
        const string text = "no json here";
        var ex = Assert.Throws<PromptOutputException>(() => SchemaAlignedParser.ParseOrThrow(text, Invoice));

        Assert.Equal(text, ex.ModelText);
        Assert.False(ex.Report.Succeeded);
        Assert.Contains("expected an object", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_longer_than_the_limit_fails_without_scanning()
    {
        var outcome = SchemaAlignedParser.Parse(new string('x', 101), Invoice, new PromptParseOptions { MaxInputLength = 100 });

        Assert.False(outcome.Success);
        Assert.Contains("limit is 100", outcome.Report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ambiguous_enum_lists_the_candidates()
    {
        var shape = OutputShape.Enum("in_progress", "in_review", "done");
        var outcome = SchemaAlignedParser.Parse("\"in\"", shape);

        Assert.False(outcome.Success);
        Assert.Contains("\"in_progress\", \"in_review\"", outcome.Report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_keep_their_text_and_integers_reject_inexact_floats()
    {
        Assert.Equal("12345678901234567890.5", SchemaAlignedParser.Parse("12345678901234567890.5", OutputShape.Number).JsonText);
        Assert.Equal("3", SchemaAlignedParser.Parse("3.000", OutputShape.Integer).JsonText);
        Assert.False(SchemaAlignedParser.Parse("3.001", OutputShape.Integer).Success);
        Assert.False(SchemaAlignedParser.Parse("NaN", OutputShape.Number).Success);
    }

    [Fact]
    public void Map_and_additional_properties_keep_unknown_keys()
    {
        var shape = OutputShape.Object(new[] { new OutputProperty("id", OutputShape.Integer) }, additionalProperties: OutputShape.String);
        var outcome = SchemaAlignedParser.Parse("{\"id\": 1, \"x\": 2}", shape);

        Assert.Equal("{\"id\":1,\"x\":\"2\"}", outcome.JsonText);
        Assert.True(outcome.Report.Has(PromptRepairKind.StringFromScalar));
    }

    [Fact]
    public void Any_shape_passes_values_through_normalized()
    {
        var outcome = SchemaAlignedParser.Parse("{a: [1, 'two', None], b: {c: True}}", OutputShape.Any);

        Assert.Equal("{\"a\":[1,\"two\",null],\"b\":{\"c\":true}}", outcome.JsonText);
    }

    [Fact]
    public void Nullable_shape_accepts_null()
    {
        Assert.Equal("null", SchemaAlignedParser.Parse("null", OutputShape.String.AsNullable()).JsonText);
        Assert.False(SchemaAlignedParser.Parse("null", OutputShape.String).Success);
    }

    [Fact]
    public void FromJsonSchema_reads_picoschema_output()
    {
        var shape = evals::PromptGen.Evals.Schemas.OutputShapes.FromJsonSchema("""
            {
              "type": "object",
              "properties": {
                "a": { "type": ["string", "null"], "description": "text" },
                "b": { "enum": ["x", "y", null] },
                "c": { "type": "array", "items": { "type": "integer" } },
                "d": { "type": "object", "additionalProperties": { "type": "number" } },
                "e": { "anyOf": [{ "type": "boolean" }, { "type": "null" }] },
                "f": {}
              },
              "required": ["c"],
              "additionalProperties": false
            }
            """);

        Assert.Equal(OutputShapeKind.Object, shape.Kind);
        Assert.Null(shape.AdditionalProperties);
        var p = shape.Properties;
        Assert.Equal(new[] { "a", "b", "c", "d", "e", "f" }, p.Select(x => x.Name));
        Assert.True(p[0].Shape.IsNullable);
        Assert.Equal("text", p[0].Shape.Description);
        Assert.Equal(OutputShapeKind.Enum, p[1].Shape.Kind);
        Assert.True(p[1].Shape.IsNullable);
        Assert.Equal(new[] { "x", "y" }, p[1].Shape.EnumValues);
        Assert.Equal(OutputShapeKind.Integer, p[2].Shape.Item!.Kind);
        Assert.True(p[2].Required);
        Assert.False(p[0].Required);
        Assert.Equal(OutputShapeKind.Map, p[3].Shape.Kind);
        Assert.Equal(OutputShapeKind.Number, p[3].Shape.Item!.Kind);
        Assert.Equal(OutputShapeKind.Boolean, p[4].Shape.Kind);
        Assert.True(p[4].Shape.IsNullable);
        Assert.Equal(OutputShapeKind.Any, p[5].Shape.Kind);
    }

    [Theory]
    [InlineData("{\"$ref\": \"#/defs/x\"}")]
    [InlineData("{\"type\": \"date\"}")]
    [InlineData("{\"type\": [\"string\", \"integer\"]}")]
    public void Schemas_without_a_faithful_type_accept_any_value_as_generated_code_does(string schema)
    {
        // Generated code types these as JsonElement, and its parser accepts any JSON value there.
        Assert.Equal(OutputShapeKind.Any, evals::PromptGen.Evals.Schemas.OutputShapes.FromJsonSchema(schema).Kind);
    }
}
