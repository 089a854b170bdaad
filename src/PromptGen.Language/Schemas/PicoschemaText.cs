namespace PromptGen.Language.Schemas;

/// <summary>Text rules of Picoschema type expressions (<c>type, description</c>) and the hints PromptGen gives for mistakes.</summary>
internal static class PicoschemaText
{

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
        // The reference's expression is /(.*?), *(.*)$/ (JavaScript's "." excludes \n, \r, U+2028 and U+2029; "$" without
        // the m flag is the end of input). Both groups stay within one line and the second reaches the end, so the match
        // lies on the last line: the type runs from that line's start to its first comma, the description after the
        // comma and any spaces. No comma on the last line: no match, the whole input is the type.
        type = input;
        description = null;
        var lastLineStart = input.Length;
        while (lastLineStart > 0 && !IsLineTerminator(input[lastLineStart - 1])) lastLineStart--;
        var comma = input.IndexOf(',', lastLineStart);
        if (comma < 0) return;
        var descriptionStart = comma + 1;
        while (descriptionStart < input.Length && input[descriptionStart] == ' ') descriptionStart++;
        type = input.Substring(lastLineStart, comma - lastLineStart);
        description = descriptionStart < input.Length ? input.Substring(descriptionStart) : null;
    }

    private static bool IsLineTerminator(char c) => c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';

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
