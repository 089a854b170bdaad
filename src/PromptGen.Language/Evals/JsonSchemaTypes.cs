using System;
using System.Collections.Generic;
using System.Linq;
using PromptGen.Language.Values;

namespace PromptGen.Language.Evals;

/// <summary>Reads what a JSON Schema node says about the type of its values (for path and operator checks).</summary>
internal static class JsonSchemaTypes
{
    /// <summary>The declared types (<c>type</c>, or implied by <c>properties</c>/<c>items</c>/<c>enum</c>); <c>null</c> when the schema does not say.</summary>
    public static HashSet<string>? Of(PromptValue? schema)
    {
        if (schema is not { Kind: PromptValueKind.Object }) return null;
        if (schema["anyOf"] is not null || schema["oneOf"] is not null || schema["allOf"] is not null || schema["$ref"] is not null) return null;
        var type = schema["type"];
        if (type is { Kind: PromptValueKind.String }) return Normalize(new[] { type.AsString });
        if (type is { Kind: PromptValueKind.Array }) return Normalize(type.Items.Where(t => t.Kind == PromptValueKind.String).Select(t => t.AsString));
        if (schema["properties"] is not null) return new HashSet<string>(StringComparer.Ordinal) { "object" };
        if (schema["items"] is not null) return new HashSet<string>(StringComparer.Ordinal) { "array" };
        if (schema["enum"] is { Kind: PromptValueKind.Array } values)
        {
            return new HashSet<string>(values.Items.Select(Describe), StringComparer.Ordinal);
        }

        return null;
    }

    /// <summary>The types without <c>null</c>; <c>null</c> when unknown or when <c>any</c> is among them.</summary>
    public static HashSet<string>? NonNull(PromptValue? schema)
    {
        var types = Of(schema);
        if (types is null || types.Contains("any")) return null;
        types.Remove("null");
        return types;
    }

    public static bool Allows(HashSet<string>? types, params string[] names) => types is null || names.Any(types.Contains);

    /// <summary>"a string", "a number", "a list", ... for messages.</summary>
    public static string Display(HashSet<string> types)
    {
        if (types.Count == 0) return "null";
        return string.Join(" or ", types.OrderBy(t => t, StringComparer.Ordinal).Select(t => t switch
        {
            "array" => "a list",
            "object" => "an object",
            "integer" => "an integer",
            _ => "a " + t,
        }));
    }

    private static HashSet<string> Normalize(IEnumerable<string> names)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names) set.Add(name);
        return set;
    }

    private static string Describe(PromptValue value) => value.Kind switch
    {
        PromptValueKind.String => "string",
        PromptValueKind.Number => "number",
        PromptValueKind.Boolean => "boolean",
        PromptValueKind.Null => "null",
        PromptValueKind.Array => "array",
        _ => "object",
    };
}
