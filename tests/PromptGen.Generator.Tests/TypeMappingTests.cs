using System.Collections.Generic;
using System.Linq;
using PromptGen.Generator.Mapping;
using PromptGen.Generator.Models;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Semantics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Tests;

/// <summary>JSON Schema (as <see cref="PromptValue"/>, the Picoschema converter's output) to the C# type model.</summary>
public sealed class TypeMappingTests
{
    private static PromptValue S(string json) => PromptJson.Parse(json);

    private static (TypeRef Type, SchemaTypeMapper Mapper, List<DiagnosticInfo> Diagnostics) MapOutput(string schema, bool useInt32 = false)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var mapper = new SchemaTypeMapper("/p/x.prompt", "XPrompt", useInt32, diagnostics);
        return (mapper.MapOutput(Read(schema, "output.schema", diagnostics)), mapper, diagnostics);
    }

    /// <summary>The language core's reading of a schema (PG0105 comes from there), as the generator receives it.</summary>
    private static SchemaNode Read(string schema, string label, List<DiagnosticInfo> diagnostics)
    {
        var found = new List<PromptDiagnostic>();
        var node = SchemaReader.Read(S(schema), "/p/x.prompt", label, null, new SourceSpan(0, 0, 1, 1, 1, 1), found);
        diagnostics.AddRange(found.Select(DiagnosticInfo.FromPromptDiagnostic));
        return node;
    }

    [Theory]
    [InlineData("""{"type":"string"}""", (int)TypeKind.String)]
    [InlineData("""{"type":"integer"}""", (int)TypeKind.Int64)]
    [InlineData("""{"type":"number"}""", (int)TypeKind.Double)]
    [InlineData("""{"type":"boolean"}""", (int)TypeKind.Boolean)]
    [InlineData("""{"type":["integer","number"]}""", (int)TypeKind.Double)]
    public void Scalars(string schema, int expected)
    {
        var (type, _, diagnostics) = MapOutput(schema);

        Assert.Equal((TypeKind)expected, type.Kind);
        Assert.False(type.IsNullable);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Integer_can_map_to_int()
    {
        Assert.Equal(TypeKind.Int32, MapOutput("""{"type":"integer"}""", useInt32: true).Type.Kind);
    }

    [Fact]
    public void Null_in_type_list_makes_a_nullable_type()
    {
        var type = MapOutput("""{"type":["string","null"]}""").Type;

        Assert.Equal(TypeRef.String.AsNullable(), type);
    }

    [Fact]
    public void Any_maps_to_JsonElement_without_a_warning()
    {
        var (type, _, diagnostics) = MapOutput("""{}""");

        Assert.Equal(TypeRef.Json, type);
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"null"}]}""")]
    [InlineData("""{"oneOf":[{"type":"null"},{"type":"string"}]}""")]
    public void X_or_null_is_a_nullable_X(string schema)
    {
        var (type, _, diagnostics) = MapOutput(schema);

        Assert.Equal(TypeRef.String.AsNullable(), type);
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"integer"}]}""")]
    [InlineData("""{"$ref":"#/defs/x"}""")]
    [InlineData("""{"type":["string","integer"]}""")]
    public void Constructs_the_language_core_reports_map_to_JsonElement_with_exactly_one_PG0105(string schema)
    {
        var (type, _, diagnostics) = MapOutput(schema);

        Assert.Equal(TypeKind.Json, type.Kind);
        Assert.Equal("PG0105", Assert.Single(diagnostics).Id);
    }

    [Theory]
    [InlineData("""{"const":"x"}""", "`const`")]
    [InlineData("""{"type":"date"}""", "unknown type 'date'")]
    [InlineData("""{"type":"null"}""", "only allows null")]
    [InlineData("""{"enum":[1,2]}""", "not strings")]
    public void Constructs_without_a_faithful_type_fall_back_to_JsonElement_with_PG0105(string schema, string reason)
    {
        var (type, _, diagnostics) = MapOutput(schema);

        Assert.Equal(TypeKind.Json, type.Kind);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("PG0105", diagnostic.Id);
        Assert.Contains(reason, diagnostic.Message);
    }

    [Fact]
    public void Object_becomes_the_Output_record_with_required_and_optional_properties()
    {
        var (type, mapper, diagnostics) = MapOutput("""
            {"type":"object","description":"The answer","properties":{
              "order_id":{"type":"string","description":"Id"},
              "note":{"type":"string"},
              "maybe":{"type":["integer","null"]}},
             "required":["order_id","maybe"]}
            """);

        Assert.Equal(TypeRef.Record("Output"), type);
        Assert.Empty(diagnostics);
        var output = mapper.Records[0];
        Assert.Equal("Output", output.Name);
        Assert.Equal("The answer", output.Description);
        Assert.Equal(
            new[]
            {
                new PropertyModel("order_id", "OrderId", "orderId", TypeRef.String, true, "Id"),
                new PropertyModel("note", "Note", "note", TypeRef.String.AsNullable(), false, null),
                new PropertyModel("maybe", "Maybe", "maybe", TypeRef.Int64.AsNullable(), true, null),
            },
            output.Properties);
    }

    [Fact]
    public void Nested_objects_arrays_maps_and_enums_get_their_own_types()
    {
        var (_, mapper, diagnostics) = MapOutput("""
            {"type":"object","properties":{
              "customer":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]},
              "items":{"type":"array","items":{"type":"object","properties":{"sku":{"type":"string"}}}},
              "status":{"type":"string","enum":["in-progress","done",null]},
              "scores":{"type":"object","additionalProperties":{"type":"number"}},
              "bag":{"type":"object"}},
             "required":["customer","items","status","scores","bag"]}
            """);

        Assert.Empty(diagnostics);
        Assert.Equal(new[] { "Output", "Customer", "ItemsItem" }, mapper.Records.Select(r => r.Name));
        var properties = mapper.Records[0].Properties.ToDictionary(p => p.WireName, p => p.Type);
        Assert.Equal(TypeRef.Record("Customer"), properties["customer"]);
        Assert.Equal(TypeRef.ListOf(TypeRef.Record("ItemsItem")), properties["items"]);
        Assert.Equal(TypeRef.Enum("Status").AsNullable(), properties["status"]);
        Assert.Equal(TypeRef.MapOf(TypeRef.Double), properties["scores"]);
        Assert.Equal(TypeRef.MapOf(TypeRef.Json), properties["bag"]);
        var status = Assert.Single(mapper.Enums);
        Assert.Equal(new[] { new EnumMemberModel("in-progress", "InProgress"), new EnumMemberModel("done", "Done") }, status.Members);
    }

    [Fact]
    public void Clashing_names_are_made_unique()
    {
        var (_, mapper, diagnostics) = MapOutput("""
            {"type":"object","properties":{
              "output":{"type":"string"},
              "to_string":{"type":"string"},
              "a-b":{"type":"string"},
              "a_b":{"type":"string"},
              "input":{"type":"object","properties":{"x":{"type":"string"}}},
              "kind":{"type":"string","enum":["a-b","a_b","!"]}}}
            """);

        var names = mapper.Records[0].Properties.Select(p => p.PropertyName).ToArray();
        Assert.Equal(new[] { "OutputValue", "ToStringValue", "AB", "ABValue", "Input", "Kind" }, names);
        Assert.Contains(mapper.Records, r => r.Name == "Input2");
        Assert.Equal(new[] { "AB", "AB2", "Value" }, mapper.Enums[0].Members.Select(m => m.MemberName));
        Assert.Equal(2, diagnostics.Count(d => d.Id == "PG0302"));
    }

    [Fact]
    public void Input_without_schema_is_an_empty_record()
    {
        var mapper = new SchemaTypeMapper("/p/x.prompt", "XPrompt", false, new List<DiagnosticInfo>());

        var input = mapper.MapInput(null);

        Assert.Equal("Input", input.Name);
        Assert.Empty(input.Properties);
    }

    [Fact]
    public void Keyword_parameter_names_are_escaped_and_reserved_ones_renamed()
    {
        var mapper = new SchemaTypeMapper("/p/x.prompt", "XPrompt", false, new List<DiagnosticInfo>());

        var input = mapper.MapInput(Read("""{"type":"object","properties":{"class":{"type":"string"},"options":{"type":"string"}}}""", "input.schema", new List<DiagnosticInfo>()));

        Assert.Equal(new[] { "@class", "optionsValue" }, input.Properties.Select(p => p.ParameterName));
        Assert.Equal(new[] { "Class", "Options" }, input.Properties.Select(p => p.PropertyName));
    }

    [Fact]
    public void Deeply_nested_schema_stops_with_a_diagnostic_instead_of_overflowing()
    {
        var schema = "{\"type\":\"string\"}";
        for (var i = 0; i < 200; i++) schema = "{\"type\":\"array\",\"items\":" + schema + "}";

        var (type, _, diagnostics) = MapOutput(schema);

        Assert.Equal(TypeKind.List, type.Kind);
        Assert.Contains(diagnostics, d => d.Id == "PG0105" && d.Message.Contains("deeper"));
    }
}
