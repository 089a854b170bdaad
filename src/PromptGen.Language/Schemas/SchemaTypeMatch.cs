using PromptGen.Language.Values;

namespace PromptGen.Language.Schemas;

/// <summary>JSON Schema's primitive type names, checked against values (shared by every schema check).</summary>
public static class SchemaTypeMatch
{
    /// <summary>Whether <paramref name="value"/> is of the JSON Schema <paramref name="type"/>; unknown names (and <c>any</c>) constrain nothing.</summary>
    public static bool Fits(PromptValue value, string type) => type switch
    {
        "string" => value.Kind == PromptValueKind.String,
        "number" => value.Kind == PromptValueKind.Number,
        "integer" => value.Kind == PromptValueKind.Number && !double.IsInfinity(value.AsNumber) && Math.Floor(value.AsNumber) == value.AsNumber,
        "boolean" => value.Kind == PromptValueKind.Boolean,
        "null" => value.Kind == PromptValueKind.Null,
        "object" => value.Kind == PromptValueKind.Object,
        "array" => value.Kind == PromptValueKind.Array,
        _ => true,
    };
}
