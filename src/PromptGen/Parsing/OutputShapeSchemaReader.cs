using System;
using System.Collections.Generic;
using System.Text.Json;

namespace PromptGen;

/// <summary>Maps the JSON Schema subset Picoschema produces onto <see cref="OutputShape"/>.</summary>
internal static class OutputShapeSchemaReader
{
    private const int MaxDepth = 64;

    public static OutputShape Read(JsonElement schema) => Read(schema, "$", 0);

    private static OutputShape Read(JsonElement schema, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"Schema at {path} is nested deeper than {MaxDepth} levels.");
        }

        if (schema.ValueKind == JsonValueKind.True)
        {
            return OutputShape.Any;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"Schema at {path} must be an object or true.");
        }

        var description = schema.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        var shape = ReadKind(schema, path, depth, out var nullable);
        if (nullable)
        {
            shape = shape.AsNullable();
        }

        return description is null ? shape : shape.WithDescription(description);
    }

    private static OutputShape ReadKind(JsonElement schema, string path, int depth, out bool nullable)
    {
        nullable = false;
        if (schema.TryGetProperty("$ref", out _))
        {
            throw new ArgumentException($"Schema at {path} uses $ref, which has no output shape.");
        }

        foreach (var combinator in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(combinator, out var branches) && branches.ValueKind == JsonValueKind.Array)
            {
                // Only "X or null" is representable.
                OutputShape? single = null;
                foreach (var branch in branches.EnumerateArray())
                {
                    if (IsNullSchema(branch))
                    {
                        nullable = true;
                    }
                    else if (single is null)
                    {
                        single = Read(branch, path, depth + 1);
                    }
                    else
                    {
                        throw new ArgumentException($"Schema at {path} uses {combinator} with several non-null branches.");
                    }
                }

                return single ?? OutputShape.Any;
            }
        }

        string? type = null;
        if (schema.TryGetProperty("type", out var typeElement))
        {
            if (typeElement.ValueKind == JsonValueKind.String)
            {
                type = typeElement.GetString();
            }
            else if (typeElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var t in typeElement.EnumerateArray())
                {
                    var name = t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    if (name == "null")
                    {
                        nullable = true;
                    }
                    else if (type is null)
                    {
                        type = name;
                    }
                    else
                    {
                        throw new ArgumentException($"Schema at {path} has several non-null types.");
                    }
                }

                type ??= nullable ? "null" : null;
            }
        }

        if (schema.TryGetProperty("enum", out var enumElement) && enumElement.ValueKind == JsonValueKind.Array)
        {
            var values = new List<string>();
            foreach (var v in enumElement.EnumerateArray())
            {
                if (v.ValueKind == JsonValueKind.Null)
                {
                    nullable = true;
                }
                else if (v.ValueKind == JsonValueKind.String)
                {
                    values.Add(v.GetString()!);
                }
                else
                {
                    throw new ArgumentException($"Schema at {path} has a non-string enum value.");
                }
            }

            return values.Count == 0 ? OutputShape.Any : OutputShape.Enum(values.ToArray());
        }

        if (type is null)
        {
            if (schema.TryGetProperty("properties", out _))
            {
                type = "object";
            }
            else if (schema.TryGetProperty("items", out _))
            {
                type = "array";
            }
            else
            {
                return OutputShape.Any;
            }
        }

        switch (type)
        {
            case "string": return OutputShape.String;
            case "integer": return OutputShape.Integer;
            case "number": return OutputShape.Number;
            case "boolean": return OutputShape.Boolean;
            case "null":
                nullable = true;
                return OutputShape.Any;
            case "any": return OutputShape.Any;
            case "array":
                var item = schema.TryGetProperty("items", out var items) ? Read(items, path + "[*]", depth + 1) : OutputShape.Any;
                return OutputShape.Array(item);
            case "object":
                return ReadObject(schema, path, depth);
            default:
                throw new ArgumentException($"Schema at {path} has unknown type '{type}'.");
        }
    }

    private static OutputShape ReadObject(JsonElement schema, string path, int depth)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var requiredElement) && requiredElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in requiredElement.EnumerateArray())
            {
                if (r.ValueKind == JsonValueKind.String)
                {
                    required.Add(r.GetString()!);
                }
            }
        }

        OutputShape? additional = null;
        var additionalDeclared = schema.TryGetProperty("additionalProperties", out var additionalElement);
        if (additionalDeclared && additionalElement.ValueKind is JsonValueKind.Object or JsonValueKind.True)
        {
            additional = Read(additionalElement, path + ".*", depth + 1);
        }

        var properties = new List<OutputProperty>();
        if (schema.TryGetProperty("properties", out var propertiesElement) && propertiesElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in propertiesElement.EnumerateObject())
            {
                properties.Add(new OutputProperty(p.Name, Read(p.Value, path + "." + p.Name, depth + 1), required.Contains(p.Name)));
            }
        }

        if (properties.Count == 0)
        {
            // No declared properties: a dictionary (of any value unless the schema says otherwise).
            return OutputShape.Map(additional ?? OutputShape.Any);
        }

        return OutputShape.Object(properties, additional);
    }

    private static bool IsNullSchema(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object
        && schema.TryGetProperty("type", out var t)
        && t.ValueKind == JsonValueKind.String
        && t.GetString() == "null";
}
