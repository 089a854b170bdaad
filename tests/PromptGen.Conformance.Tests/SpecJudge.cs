using System.Collections.Generic;
using System.Linq;
using System.Text;
using PromptGen.Language.Semantics;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Prompts;
using PromptGen.Language.Rendering;
using PromptGen.Language.Schemas;
using PromptGen.Language.Values;

namespace PromptGen.Conformance.Tests;

/// <summary>
/// Judges a spec case exactly as the reference runner does (see the suite's README): a render check
/// and a metadata check, keys compared as sets, with <c>{}</c> for a missing <c>ext</c>, <c>config</c> or <c>metadata</c>.
/// </summary>
public static class SpecJudge
{
    private static readonly string[] s_defaultedKeys = { "ext", "config", "metadata" };

    /// <summary>Returns a readable description of every mismatch; empty when the case passes.</summary>
    public static IReadOnlyList<string> Judge(SpecCase spec)
    {
        var failures = new List<string>();
        var environment = CreateEnvironment(spec.Suite);
        var path = $"{spec.File}/{spec.SuiteName}.prompt";
        var expect = spec.Expect;

        // 1. Render: the result without raw against expect without raw and input.
        var rendered = PromptRenderer.Render(path, spec.Template, RenderData(spec), spec.Options, environment);
        var renderValue = rendered.ToValue();
        Compare(failures, "render", Without(renderValue, "raw"), WithDefaults(Without(expect, "raw", "input")), rendered.Diagnostics);
        if (expect["raw"] is { } expectedRaw && IsTruthy(expectedRaw))
        {
            Compare(failures, "render raw", renderValue["raw"], expectedRaw, rendered.Diagnostics);
        }

        // 2. Metadata alone, with the caller's options merged.
        var metadata = PromptRenderer.RenderMetadata(path, spec.Template, spec.Options, environment);
        Compare(failures, "renderMetadata", Without(metadata, "raw"), WithDefaults(Without(expect, "messages", "raw")), rendered.Diagnostics);
        return failures;
    }

    /// <summary>The suite's <c>data</c> shallowly overlaid by the test's <c>data</c> (top-level keys).</summary>
    public static PromptValue RenderData(SpecCase spec)
    {
        var properties = new List<KeyValuePair<string, PromptValue>>();
        if (spec.Suite["data"] is { Kind: PromptValueKind.Object } suiteData) properties.AddRange(suiteData.Properties);
        if (spec.Test["data"] is { Kind: PromptValueKind.Object } testData) properties.AddRange(testData.Properties);
        return PromptValue.Object(properties);
    }

    public static PromptEnvironment CreateEnvironment(PromptValue suite)
    {
        // Registered partials win over resolver partials, which the reference only asks for unknown names.
        var partials = new Dictionary<string, string>();
        foreach (var key in new[] { "resolverPartials", "partials" })
        {
            foreach (var partial in suite[key]?.Properties ?? Enumerable.Empty<KeyValuePair<string, PromptValue>>())
            {
                if (partial.Value.Kind == PromptValueKind.String) partials[partial.Key] = partial.Value.AsString;
            }
        }

        // Registered schemas win over resolver schemas, as in the reference's wrappedSchemaResolver.
        var schemas = new Dictionary<string, PromptValue>();
        foreach (var key in new[] { "resolverSchemas", "schemas" })
        {
            foreach (var schema in suite[key]?.Properties ?? Enumerable.Empty<KeyValuePair<string, PromptValue>>()) schemas[schema.Key] = schema.Value;
        }

        return new PromptEnvironment
        {
            Schemas = new DictionarySchemaResolver(schemas),
            Partials = PartialCatalog.FromTexts(partials),
            Tools = new DictionaryToolResolver(suite["tools"]),
        };
    }

    private static void Compare(List<string> failures, string check, PromptValue? actual, PromptValue expected, IReadOnlyList<PromptDiagnostic> diagnostics)
    {
        if (actual is not null && actual.Equals(expected)) return;
        var message = new StringBuilder();
        message.Append(check).Append(" differs.\nexpected:\n").Append(PromptJson.Serialize(expected, indent: 2, sortKeys: true));
        message.Append("\nactual:\n").Append(actual is null ? "undefined" : PromptJson.Serialize(actual, indent: 2, sortKeys: true));
        if (diagnostics.Count > 0)
        {
            message.Append("\ndiagnostics:\n").Append(string.Join("\n", diagnostics.Select(d => d.ToMSBuildString())));
        }

        failures.Add(message.ToString());
    }

    /// <summary>The reference writes <c>expected.ext || {}</c>: a missing or falsy value becomes <c>{}</c>.</summary>
    private static PromptValue WithDefaults(PromptValue expected)
    {
        foreach (var key in s_defaultedKeys)
        {
            if (expected[key] is not { } value || !IsTruthy(value)) expected = expected.With(key, PromptValue.EmptyObject());
        }

        return expected;
    }

    private static PromptValue Without(PromptValue value, params string[] keys) =>
        value.Kind == PromptValueKind.Object ? PromptValue.Object(value.Properties.Where(p => !keys.Contains(p.Key))) : value;

    private static bool IsTruthy(PromptValue value) => value.Kind switch
    {
        PromptValueKind.Null => false,
        PromptValueKind.Boolean => value.AsBoolean,
        PromptValueKind.Number => value.AsNumber != 0 && !double.IsNaN(value.AsNumber),
        PromptValueKind.String => value.AsString.Length > 0,
        _ => true,
    };
}
