using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PromptGen.Language.Values;

namespace PromptGen.Language.Schemas;

/// <summary>A place where a value does not fit a JSON Schema.</summary>
public sealed class SchemaMismatch
{
    internal SchemaMismatch(IReadOnlyList<string> path, bool atKey, string message)
    {
        Path = path;
        AtKey = atKey;
        Message = message;
    }

    /// <summary>Property names and array indexes leading to the offending value.</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>True when the problem is the property's name (an unknown field) rather than its value.</summary>
    public bool AtKey { get; }

    public string Message { get; }
}

/// <summary>
/// Checks a value against the subset of JSON Schema Picoschema produces (<c>type</c>, <c>enum</c>, <c>const</c>,
/// <c>properties</c>, <c>additionalProperties</c>, <c>items</c>). <c>required</c> is not checked: defaults may be partial.
/// </summary>
public static class SchemaValueChecker
{
    private const int MaxDepth = 200;

    public static IReadOnlyList<SchemaMismatch> Check(PromptValue value, PromptValue schema)
    {
        var mismatches = new List<SchemaMismatch>();
        Check(value, schema, new List<string>(), mismatches, 0);
        return mismatches;
    }

    private static void Check(PromptValue value, PromptValue schema, List<string> path, List<SchemaMismatch> mismatches, int depth)
    {
        if (schema.Kind != PromptValueKind.Object || depth > MaxDepth) return;
        var where = path.Count == 0 ? "the value" : "`" + string.Join(".", path) + "`";

        if (schema["type"] is { } type)
        {
            var allowed = type.Kind == PromptValueKind.Array ? type.Items : new[] { type };
            var names = allowed.Where(t => t.Kind == PromptValueKind.String).Select(t => t.AsString).ToList();
            if (names.Count > 0 && !names.Any(name => SchemaTypeMatch.Fits(value, name)))
            {
                mismatches.Add(new SchemaMismatch(path.ToList(), false, $"{where} is {Describe(value)} but the schema expects {string.Join(" or ", names)}."));
                return;
            }
        }

        if (schema["enum"] is { Kind: PromptValueKind.Array } allowedValues && !allowedValues.Items.Contains(value))
        {
            mismatches.Add(new SchemaMismatch(path.ToList(), false,
                $"{where} is {PromptJson.Serialize(value)}, which is not one of the allowed values {string.Join(", ", allowedValues.Items.Select(v => PromptJson.Serialize(v)))}."));
            return;
        }

        if (schema["const"] is { } constant && !constant.Equals(value))
        {
            mismatches.Add(new SchemaMismatch(path.ToList(), false, $"{where} must be {PromptJson.Serialize(constant)}."));
            return;
        }

        if (value.Kind == PromptValueKind.Object)
        {
            var properties = schema["properties"];
            var additional = schema["additionalProperties"];
            foreach (var property in value.Properties)
            {
                path.Add(property.Key);
                if (properties?[property.Key] is { } propertySchema)
                {
                    Check(property.Value, propertySchema, path, mismatches, depth + 1);
                }
                else if (additional is { Kind: PromptValueKind.Boolean } && !additional.AsBoolean)
                {
                    var known = properties?.Properties.Select(p => p.Key).ToList() ?? new List<string>();
                    var suggestion = Metadata.FrontmatterKeys.Suggest(property.Key, known);
                    mismatches.Add(new SchemaMismatch(path.ToList(), true,
                        $"`{string.Join(".", path)}` is not a field of the schema" +
                        (suggestion is not null ? $"; did you mean `{suggestion}`?" : known.Count > 0 ? $" (fields: {string.Join(", ", known)})." : ", which allows no fields.")));
                }
                else if (additional is { Kind: PromptValueKind.Object })
                {
                    Check(property.Value, additional, path, mismatches, depth + 1);
                }

                path.RemoveAt(path.Count - 1);
            }
        }
        else if (value.Kind == PromptValueKind.Array && schema["items"] is { Kind: PromptValueKind.Object } items)
        {
            for (var i = 0; i < value.Items.Count; i++)
            {
                path.Add(i.ToString(CultureInfo.InvariantCulture));
                Check(value.Items[i], items, path, mismatches, depth + 1);
                path.RemoveAt(path.Count - 1);
            }
        }
    }


    private static string Describe(PromptValue value) => value.Kind switch
    {
        PromptValueKind.Null => "null",
        PromptValueKind.Boolean => "a boolean",
        PromptValueKind.Number => Math.Floor(value.AsNumber) == value.AsNumber ? "an integer" : "a number",
        PromptValueKind.String => "a string",
        PromptValueKind.Array => "a list",
        _ => "an object",
    };
}
