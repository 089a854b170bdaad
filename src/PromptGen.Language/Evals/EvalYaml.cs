using PromptGen.Language.Metadata;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Evals;

/// <summary>Small readers for eval-file YAML nodes.</summary>
internal static class EvalYaml
{
    public static bool IsMapping(YamlSourceNode node) => node.Kind == YamlSourceNodeKind.Mapping;

    public static bool IsSequence(YamlSourceNode node) => node.Kind == YamlSourceNodeKind.Sequence;

    public static bool IsNull(YamlSourceNode node) => node.Kind == YamlSourceNodeKind.Scalar && node.Value.IsNull;

    public static string? String(YamlSourceNode node) =>
        node.Kind == YamlSourceNodeKind.Scalar && node.Value.Kind == PromptValueKind.String ? node.Value.AsString : null;

    /// <summary>A scalar as text: strings as they are, numbers and booleans in their JavaScript form (<c>1182</c> → "1182").</summary>
    public static string? ScalarText(YamlSourceNode node)
    {
        if (node.Kind != YamlSourceNodeKind.Scalar) return null;
        return node.Value.Kind switch
        {
            PromptValueKind.String => node.Value.AsString,
            PromptValueKind.Number => JsNumber.ToString(node.Value.AsNumber),
            PromptValueKind.Boolean => node.Value.AsBoolean ? "true" : "false",
            _ => null,
        };
    }

    public static double? Number(YamlSourceNode node) =>
        node.Kind == YamlSourceNodeKind.Scalar && node.Value.Kind == PromptValueKind.Number && !double.IsNaN(node.Value.AsNumber) && !double.IsInfinity(node.Value.AsNumber)
            ? node.Value.AsNumber
            : null;

    public static long? Integer(YamlSourceNode node) =>
        Number(node) is { } number && Math.Floor(number) == number && Math.Abs(number) < 9e15 ? (long)number : null;

    public static bool? Boolean(YamlSourceNode node) =>
        node.Kind == YamlSourceNodeKind.Scalar && node.Value.Kind == PromptValueKind.Boolean ? node.Value.AsBoolean : null;

    /// <summary><c> Did you mean 'x'?</c>, or nothing.</summary>
    public static string Hint(string key, IEnumerable<string> candidates)
    {
        var suggestion = FrontmatterKeys.Suggest(key, candidates.ToList());
        return suggestion is null ? string.Empty : $". Did you mean '{suggestion}'?";
    }

    /// <summary>
    /// The end of a message about an undeclared field: <c>. Did you mean 'x'?</c> when a declared field is close to
    /// <paramref name="name"/>, else the declared fields, <c> (fields: a, b)</c>; nothing when there are none.
    /// </summary>
    public static string HintOrFields(string name, IReadOnlyList<string> declared)
    {
        var hint = Hint(name, declared);
        return hint.Length > 0 ? hint : declared.Count > 0 ? $" (fields: {string.Join(", ", declared)})" : string.Empty;
    }

    public static string Describe(YamlSourceNode node) => node.Kind switch
    {
        YamlSourceNodeKind.Mapping => "a mapping",
        YamlSourceNodeKind.Sequence => "a list",
        _ => node.Value.Kind switch
        {
            PromptValueKind.Null => "empty",
            PromptValueKind.Boolean => "a boolean",
            PromptValueKind.Number => "a number",
            _ => "a string",
        },
    };
}
