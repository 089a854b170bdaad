using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PromptGen.Language.Values;

namespace PromptGen.Language.Schemas;

/// <summary>A JSON Schema construct with no faithful C# type (PG0105), at a JSON Pointer into the schema.</summary>
public sealed class UnmappableSchemaConstruct
{
    internal UnmappableSchemaConstruct(string pointer, string construct, string reason)
    {
        Pointer = pointer;
        Construct = construct;
        Reason = reason;
    }

    /// <summary>JSON Pointer of the schema that uses the construct.</summary>
    public string Pointer { get; }

    /// <summary>The keyword, e.g. <c>oneOf</c>, or <c>type</c> for a union of types.</summary>
    public string Construct { get; }

    public string Reason { get; }
}

/// <summary>Finds JSON Schema constructs that generated C# cannot type faithfully (they become <c>JsonElement</c>).</summary>
public static class UnmappableSchemaConstructs
{
    private const int MaxVisited = 100_000;

    private static readonly string[] s_keywords = { "oneOf", "anyOf", "allOf", "not", "$ref", "if", "patternProperties", "prefixItems", "dependentSchemas" };

    public static IReadOnlyList<UnmappableSchemaConstruct> Find(PromptValue? schema)
    {
        var found = new List<UnmappableSchemaConstruct>();
        if (schema is null) return found;
        var stack = new Stack<(string Pointer, PromptValue Schema)>();
        stack.Push((string.Empty, schema));
        var visited = 0;
        while (stack.Count > 0 && visited++ < MaxVisited)
        {
            var (pointer, current) = stack.Pop();
            if (current.Kind != PromptValueKind.Object) continue;
            foreach (var keyword in s_keywords)
            {
                if (current[keyword] is not null)
                {
                    found.Add(new UnmappableSchemaConstruct(pointer, keyword, $"`{keyword}` has no faithful C# type; the value will be a JsonElement."));
                }
            }

            if (current["type"] is { Kind: PromptValueKind.Array } types)
            {
                var nonNull = types.Items.Where(t => !(t.Kind == PromptValueKind.String && t.AsString == "null")).ToList();
                if (nonNull.Count > 1)
                {
                    found.Add(new UnmappableSchemaConstruct(pointer, "type",
                        $"a union of types ({string.Join(", ", nonNull.Select(JsObject.ToJsString))}) has no faithful C# type; the value will be a JsonElement."));
                }
            }

            if (current["properties"] is { Kind: PromptValueKind.Object } properties)
            {
                foreach (var property in properties.Properties)
                {
                    stack.Push((SchemaPointer.Append(SchemaPointer.Append(pointer, "properties"), property.Key), property.Value));
                }
            }

            if (current["items"] is { } items)
            {
                if (items.Kind == PromptValueKind.Array)
                {
                    for (var i = 0; i < items.Items.Count; i++)
                    {
                        stack.Push((SchemaPointer.Append(SchemaPointer.Append(pointer, "items"), i.ToString(CultureInfo.InvariantCulture)), items.Items[i]));
                    }
                }
                else
                {
                    stack.Push((SchemaPointer.Append(pointer, "items"), items));
                }
            }

            if (current["additionalProperties"] is { Kind: PromptValueKind.Object } additional)
            {
                stack.Push((SchemaPointer.Append(pointer, "additionalProperties"), additional));
            }
        }

        return found.OrderBy(f => f.Pointer, System.StringComparer.Ordinal).ToList();
    }
}
