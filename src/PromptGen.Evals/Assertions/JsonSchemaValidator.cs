using System.Globalization;
using PromptGen.Evals.Security;
using PromptGen.Language.Schemas;
using PromptGen.Language.Values;

namespace PromptGen.Evals.Assertions;

/// <summary>
/// Validates a value against the JSON Schema subset PromptGen output schemas use: <c>type</c> (a name or a list such as
/// <c>["string","null"]</c>), <c>properties</c>, <c>required</c>, <c>additionalProperties</c> (boolean or schema),
/// <c>items</c>, <c>enum</c> and <c>const</c>. Other keywords are ignored.
/// </summary>
public static class JsonSchemaValidator
{
    private const int MaxDepth = 128;

    /// <summary>Every violation, as <c>$.path: message</c>; empty when the value is valid.</summary>
    public static IReadOnlyList<string> Validate(PromptValue value, PromptValue schema)
    {
        var errors = new List<string>();
        Validate(value, schema, "$", errors, 0);
        return errors;
    }

    private static void Validate(PromptValue value, PromptValue schema, string path, List<string> errors, int depth)
    {
        if (schema.Kind == PromptValueKind.Boolean)
        {
            if (!schema.AsBoolean) errors.Add($"{path}: no value is allowed here");
            return;
        }

        if (schema.Kind != PromptValueKind.Object || depth > MaxDepth) return;
        if (schema["type"] is { } type)
        {
            var names = type.Kind == PromptValueKind.Array ? type.Items.Where(t => t.Kind == PromptValueKind.String).Select(t => t.AsString).ToList()
                : type.Kind == PromptValueKind.String ? new List<string> { type.AsString } : new List<string>();
            if (names.Count > 0 && !names.Any(n => SchemaTypeMatch.Fits(value, n)))
            {
                errors.Add($"{path}: expected {string.Join(" or ", names)}, got {KindOf(value)}");
                return;
            }
        }

        if (schema["enum"] is { Kind: PromptValueKind.Array } allowed && !allowed.Items.Contains(value))
        {
            errors.Add($"{path}: {Shorten(PromptJson.Serialize(value))} is not one of {string.Join(", ", allowed.Items.Select(v => PromptJson.Serialize(v)))}");
        }

        if (schema["const"] is { } constant && !constant.Equals(value))
        {
            errors.Add($"{path}: expected {PromptJson.Serialize(constant)}");
        }

        if (value.Kind == PromptValueKind.Object)
        {
            var properties = schema["properties"];
            if (schema["required"] is { Kind: PromptValueKind.Array } required)
            {
                foreach (var name in required.Items.Where(r => r.Kind == PromptValueKind.String).Select(r => r.AsString))
                {
                    if (!value.TryGetProperty(name, out _)) errors.Add($"{path}: missing required property '{name}'");
                }
            }

            var additional = schema["additionalProperties"];
            foreach (var property in value.Properties)
            {
                var childPath = path + "." + property.Key;
                if (properties?[property.Key] is { } propertySchema) Validate(property.Value, propertySchema, childPath, errors, depth + 1);
                else if (additional is { Kind: PromptValueKind.Boolean } && !additional.AsBoolean) errors.Add($"{path}: property '{property.Key}' is not allowed");
                else if (additional is { Kind: PromptValueKind.Object }) Validate(property.Value, additional, childPath, errors, depth + 1);
            }
        }
        else if (value.Kind == PromptValueKind.Array && schema["items"] is { } items)
        {
            for (var i = 0; i < value.Items.Count; i++) Validate(value.Items[i], items, $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", errors, depth + 1);
        }
    }


    private static string KindOf(PromptValue value) => value.Kind switch
    {
        PromptValueKind.Null => "null",
        PromptValueKind.Boolean => "boolean",
        PromptValueKind.Number => "number",
        PromptValueKind.String => "string",
        PromptValueKind.Array => "array",
        _ => "object",
    };

    // Scrubbed before it is cut, like every excerpt of model output.
    private static string Shorten(string text) => EvalSecrets.Shorten(text, 80);
}
