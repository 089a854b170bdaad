using PromptGen.Language.Semantics;

namespace PromptGen.Language.Evals;

/// <summary>The JSON type names a schema node allows, for the eval checks' operator rules and messages.</summary>
internal static class SchemaTypeNames
{
    /// <summary>The non-null JSON types of <paramref name="node"/>; null when the node does not say (anything goes).</summary>
    public static HashSet<string>? NonNull(SchemaNode node)
    {
        var declared = node.DeclaredTypes.Where(t => t != "null").ToList();
        if (declared.Count > 0) return new HashSet<string>(declared, StringComparer.Ordinal);
        var implied = node.Kind switch
        {
            SchemaKind.String => "string",
            SchemaKind.Number => "number",
            SchemaKind.Integer => "integer",
            SchemaKind.Boolean => "boolean",
            SchemaKind.Object or SchemaKind.Map => "object",
            SchemaKind.Array => "array",
            _ => null,
        };
        if (node.Kind == SchemaKind.Null) return new HashSet<string>(StringComparer.Ordinal);
        return implied is null ? null : new HashSet<string>(StringComparer.Ordinal) { implied };
    }

    public static bool Allows(HashSet<string>? types, params string[] names) => types is null || names.Any(types.Contains);

    /// <summary>"a string", "a number", "a list", ... for messages.</summary>
    public static string Display(HashSet<string>? types)
    {
        if (types is null) return "any value";
        if (types.Count == 0) return "null";
        return string.Join(" or ", types.OrderBy(t => t, StringComparer.Ordinal).Select(t => t switch
        {
            "array" => "a list",
            "object" => "an object",
            "integer" => "an integer",
            _ => "a " + t,
        }));
    }
}
