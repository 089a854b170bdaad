using PromptGen.Generator.Emit;
using PromptGen.Generator.Models;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Metadata;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Mapping;

/// <summary>
/// Maps frontmatter <c>model</c> and <c>config</c> onto <c>ChatOptions</c>: known keys onto its properties,
/// every other key into <c>AdditionalProperties</c> so provider-specific settings still reach the client.
/// </summary>
internal static class ChatOptionsMapper
{
    private enum Kind
    {
        Float,
        Int,
        Long,
        StringList,
        ReasoningEffort,
    }

    private static readonly Dictionary<string, (string Property, Kind Kind)> s_known = new(StringComparer.Ordinal)
    {
        ["temperature"] = ("Temperature", Kind.Float),
        ["maxOutputTokens"] = ("MaxOutputTokens", Kind.Int),
        ["topP"] = ("TopP", Kind.Float),
        ["topK"] = ("TopK", Kind.Int),
        ["stopSequences"] = ("StopSequences", Kind.StringList),
        ["seed"] = ("Seed", Kind.Long),
        ["presencePenalty"] = ("PresencePenalty", Kind.Float),
        ["frequencyPenalty"] = ("FrequencyPenalty", Kind.Float),
        ["reasoningEffort"] = ("Reasoning", Kind.ReasoningEffort),
    };

    public static ChatOptionsModel Map(PromptSemantics semantics, List<DiagnosticInfo> diagnostics)
    {
        var properties = new List<OptionAssignment>();
        var additional = new List<OptionAssignment>();
        var metadata = semantics.Metadata;
        var location = Locate(semantics, "config") ?? LocationInfo.FileStart(semantics.Path);
        var config = metadata.Config.Properties.Count == 0 ? null : metadata.Config;
        if (config is not null && config.Kind == PromptValueKind.Object)
        {
            foreach (var entry in config.Properties)
            {
                if (s_known.TryGetValue(entry.Key, out var known))
                {
                    var expression = Convert(entry.Value, known.Kind);
                    if (expression is null)
                    {
                        var valueLocation = Locate(semantics, "config." + entry.Key) ?? location;
                        // The language core validates config too; report only what it let through (e.g. an int overflow).
                        if (!semantics.Diagnostics.Any(d => d.Id == DiagnosticDescriptors.InvalidFrontmatterValue.Id && LocationInfo.FromSpan(d.Path, d.Span) == valueLocation))
                        {
                            diagnostics.Add(DiagnosticInfo.Create(
                                DiagnosticDescriptors.InvalidFrontmatterValue,
                                valueLocation,
                                $"config.{entry.Key} must be {Describe(known.Kind)}, not {PromptJson.Serialize(entry.Value)}"));
                        }

                        continue;
                    }

                    properties.Add(new OptionAssignment(known.Property, expression));
                }
                else if (!entry.Value.IsNull)
                {
                    additional.Add(new OptionAssignment(entry.Key, AdditionalValue(entry.Value)));
                }
            }
        }
        else if (config is not null && !config.IsNull)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFrontmatterValue, location, "config must be a mapping"));
        }

        return new ChatOptionsModel(metadata.Model, properties.ToEquatableArray(), additional.ToEquatableArray());
    }

    private static LocationInfo? Locate(PromptSemantics semantics, string key) =>
        semantics.Metadata.GetSpan(key) is { } span ? LocationInfo.FromSpan(semantics.Path, span) : null;

    private static string? Convert(PromptValue value, Kind kind)
    {
        switch (kind)
        {
            case Kind.Float:
                return value.Kind == PromptValueKind.Number && IsFinite(value.AsNumber) && Math.Abs(value.AsNumber) <= float.MaxValue
                    ? CSharpLiterals.Float(value.AsNumber)
                    : null;
            case Kind.Int:
                return value.Kind == PromptValueKind.Number && IsWhole(value.AsNumber) && value.AsNumber >= 0 && value.AsNumber <= int.MaxValue
                    ? CSharpLiterals.Integer(value.AsNumber)
                    : null;
            case Kind.Long:
                return value.Kind == PromptValueKind.Number && IsWhole(value.AsNumber) && Math.Abs(value.AsNumber) <= 9007199254740991d
                    ? CSharpLiterals.Integer(value.AsNumber) + "L"
                    : null;
            case Kind.ReasoningEffort:
                return value.Kind == PromptValueKind.String && FrontmatterValidator.ReasoningEfforts.Contains(value.AsString)
                    ? "new global::Microsoft.Extensions.AI.ReasoningOptions { Effort = global::Microsoft.Extensions.AI.ReasoningEffort." +
                      char.ToUpperInvariant(value.AsString[0]) + value.AsString.Substring(1) + " }"
                    : null;
            default:
                if (value.Kind == PromptValueKind.String) return StringList(new[] { value.AsString });
                if (value.Kind == PromptValueKind.Array && value.Items.All(i => i.Kind == PromptValueKind.String))
                {
                    return StringList(value.Items.Select(i => i.AsString));
                }

                return null;
        }
    }

    private static string StringList(IEnumerable<string> items) =>
        "new global::System.Collections.Generic.List<string> { " + string.Join(", ", items.Select(CSharpLiterals.String)) + " }";

    private static string AdditionalValue(PromptValue value) => value.Kind switch
    {
        PromptValueKind.Boolean => value.AsBoolean ? "true" : "false",
        PromptValueKind.String => CSharpLiterals.String(value.AsString),
        PromptValueKind.Number when IsWhole(value.AsNumber) && Math.Abs(value.AsNumber) <= 9007199254740991d => CSharpLiterals.Integer(value.AsNumber) + "L",
        PromptValueKind.Number => CSharpLiterals.Double(value.AsNumber),
        // Structured values travel as JSON so the client can forward them unchanged.
        _ => "global::PromptGen.Serialization.JsonText.ParseElement(" + CSharpLiterals.String(PromptJson.Serialize(value)) + ")",
    };

    private static string Describe(Kind kind) => kind switch
    {
        Kind.Float => "a number",
        Kind.Int => "a whole number from 0 to 2147483647",
        Kind.Long => "a whole number",
        Kind.ReasoningEffort => "one of " + string.Join(", ", FrontmatterValidator.ReasoningEfforts),
        _ => "a string or a list of strings",
    };

    private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    private static bool IsWhole(double value) => IsFinite(value) && Math.Floor(value) == value;
}
