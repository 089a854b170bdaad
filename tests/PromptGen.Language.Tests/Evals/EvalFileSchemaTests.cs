using System.Collections.Generic;
using System.Linq;
using PromptGen.Language.Evals;
using PromptGen.Language.Values;

namespace PromptGen.Language.Tests.Evals;

/// <summary>The editor schema for eval files stays in step with what the parser accepts.</summary>
public sealed class EvalFileSchemaTests
{
    private static readonly PromptValue s_schema = PromptJson.Parse(EvalFileSchema.Json);

    [Fact]
    public void Is_a_draft_2020_12_schema_for_an_object_with_cases()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", s_schema["$schema"]!.AsString);
        Assert.Equal(new[] { "cases" }, s_schema["required"]!.Items.Select(i => i.AsString));
    }

    [Fact]
    public void Lists_exactly_the_assertion_keys_the_parser_accepts()
    {
        var assertion = s_schema["$defs"]!["assertion"]!["oneOf"]!.Items[1]["properties"]!;
        Assert.Equal(Sorted(EvalAssertionKeywords.AllKeys), Sorted(assertion.Properties.Select(p => p.Key)));
        var bare = s_schema["$defs"]!["assertion"]!["oneOf"]!.Items[0]["enum"]!;
        Assert.Equal(Sorted(EvalAssertionKeywords.Flags), Sorted(bare.Items.Select(i => i.AsString)));
    }

    [Fact]
    public void Lists_exactly_the_parameter_keys_of_each_operator()
    {
        foreach (var (keyword, keys) in EvalAssertionKeywords.ParameterKeys)
        {
            var definition = s_schema["$defs"]!["op-" + keyword]!;
            var objectForm = definition["properties"] ?? definition["oneOf"]!.Items.Single(i => i["properties"] is not null)["properties"]!;
            Assert.Equal(Sorted(keys), Sorted(objectForm.Properties.Select(p => p.Key)));
        }
    }

    [Fact]
    public void Lists_exactly_the_file_case_defaults_and_gate_keys()
    {
        Assert.Equal(Sorted(EvalFileParser.FileKeys), Sorted(s_schema["properties"]!.Properties.Select(p => p.Key)));
        Assert.Equal(Sorted(EvalFileParser.CaseKeys), Sorted(s_schema["$defs"]!["case"]!["properties"]!.Properties.Select(p => p.Key)));
        Assert.Equal(Sorted(EvalFileParser.DefaultsKeys), Sorted(s_schema["properties"]!["defaults"]!["properties"]!.Properties.Select(p => p.Key)));
        Assert.Equal(Sorted(EvalFileParser.GateKeys), Sorted(s_schema["properties"]!["gate"]!["properties"]!.Properties.Select(p => p.Key)));
        Assert.Equal(Sorted(EvalFileParser.ExperimentKeys), Sorted(s_schema["properties"]!["experiment"]!["properties"]!.Properties.Select(p => p.Key)));
        Assert.Equal(Sorted(EvalFileParser.SamplingKeys), Sorted(s_schema["properties"]!["experiment"]!["properties"]!["sampling"]!["items"]!["properties"]!.Properties.Select(p => p.Key)));
    }

    [Fact]
    public void Gate_defaults_match_the_parser()
    {
        var gate = s_schema["properties"]!["gate"]!["properties"]!;
        Assert.Equal(EvalGateSettings.DefaultMinPassRate, gate["min-pass-rate"]!["default"]!.AsNumber);
        Assert.Equal(EvalGateSettings.DefaultTolerance, gate["tolerance"]!["default"]!.AsNumber);
        Assert.Equal(EvalGateSettings.DefaultAlpha, gate["alpha"]!["default"]!.AsNumber);
    }

    [Fact]
    public void Every_reference_resolves()
    {
        var definitions = s_schema["$defs"]!;
        foreach (var reference in References(s_schema))
        {
            Assert.StartsWith("#/$defs/", reference);
            Assert.NotNull(definitions[reference.Substring("#/$defs/".Length)]);
        }
    }

    private static IEnumerable<string> References(PromptValue value)
    {
        var pending = new Stack<PromptValue>();
        pending.Push(value);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var item in current.Items) pending.Push(item);
            foreach (var property in current.Properties)
            {
                if (property.Key == "$ref") yield return property.Value.AsString;
                else pending.Push(property.Value);
            }
        }
    }

    private static string[] Sorted(IEnumerable<string> keys) => keys.OrderBy(k => k, System.StringComparer.Ordinal).ToArray();
}
