using System.Text.RegularExpressions;

namespace PromptGen.Language.Schemas;

/// <summary>Text rules of Picoschema type expressions (<c>type, description</c>) and the hints PromptGen gives for mistakes.</summary>
internal static class PicoschemaText
{
    // JavaScript's "." excludes \n, \r, U+2028 and U+2029; "$" without the m flag is the end of input.
    private static readonly Regex s_description = new("([^\n\r\u2028\u2029]*?), *([^\n\r\u2028\u2029]*)\\z", RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, string> s_commonMistakes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["int"] = "integer",
        ["long"] = "integer",
        ["float"] = "number",
        ["double"] = "number",
        ["decimal"] = "number",
        ["bool"] = "boolean",
        ["str"] = "string",
        ["text"] = "string",
        ["date"] = "string",
        ["datetime"] = "string",
    };

    /// <summary>Splits <c>"type, description"</c> at the first comma as the reference does; the description is <c>null</c> when absent or empty.</summary>
    public static void ExtractDescription(string input, out string type, out string? description)
    {
        type = input;
        description = null;
        if (input.IndexOf(',') < 0) return;
        var match = s_description.Match(input);
        if (!match.Success) return;
        type = match.Groups[1].Value;
        description = match.Groups[2].Value.Length > 0 ? match.Groups[2].Value : null;
    }

    /// <summary>An actionable hint for a type name that is neither a scalar type nor a registered schema.</summary>
    public static string UnknownTypeHint(string type, string fieldName, bool hasResolver)
    {
        var field = fieldName.Length > 0 ? fieldName : "field";
        if (type.EndsWith("[]", StringComparison.Ordinal))
        {
            return $"Picoschema has no `T[]` syntax; declare an array as `{field}(array): {type.Substring(0, type.Length - 2)}`.";
        }

        switch (type)
        {
            case "object":
                return $"Declare an object as `{field}(object):` followed by its fields indented below.";
            case "array":
                return $"Declare an array as `{field}(array): <item type>`.";
            case "enum":
                return $"Declare an enum as `{field}(enum): [A, B, C]`.";
        }

        if (type.Trim().Length != type.Length && Picoschema.ScalarTypes.Contains(type.Trim()))
        {
            return $"Remove the spaces around `{type.Trim()}`.";
        }

        var caseInsensitive = Picoschema.ScalarTypes.FirstOrDefault(t => string.Equals(t, type, StringComparison.OrdinalIgnoreCase));
        if (caseInsensitive is not null) return $"Type names are case-sensitive: did you mean `{caseInsensitive}`?";
        if (s_commonMistakes.TryGetValue(type, out var suggestion)) return $"Did you mean `{suggestion}`?";

        var scalars = string.Join(", ", Picoschema.ScalarTypes);
        return hasResolver
            ? $"Use one of {scalars}, or the name of a registered schema."
            : $"Use one of {scalars}; no named schemas are registered.";
    }
}
