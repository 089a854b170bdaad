using System.Globalization;
using PromptGen.Evals.Security;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.Evals.Assertions;

/// <summary>
/// Validates a value against a JSON Schema for the <c>schema-valid</c> assertion: the schema is read by the language
/// core's <see cref="SchemaReader"/> and the value checked by its <see cref="SchemaValidator"/> (<c>type</c>, a name or
/// a list such as <c>["string","null"]</c>, <c>properties</c>, <c>required</c>, <c>additionalProperties</c>,
/// <c>items</c>, <c>enum</c> and <c>const</c>), as everywhere else; this class only words the mismatches.
/// </summary>
public static class JsonSchemaValidator
{
    /// <summary>Every violation, as <c>$.path: message</c>; empty when the value is valid.</summary>
    public static IReadOnlyList<string> Validate(PromptValue value, PromptValue schema) =>
        SchemaValidator.Validate(value, SchemaReader.Read(schema)).Select(mismatch => Describe(mismatch, value)).ToList();

    private static string Describe(SchemaMismatch mismatch, PromptValue root)
    {
        // An undeclared property is reported at its object, like a missing one.
        var at = PathText(root, mismatch.Kind == SchemaMismatchKind.UndeclaredProperty ? mismatch.Path.Take(mismatch.Path.Count - 1) : mismatch.Path);
        return mismatch.Kind switch
        {
            SchemaMismatchKind.NotAllowed => $"{at}: no value is allowed here",
            SchemaMismatchKind.WrongType => $"{at}: expected {string.Join(" or ", mismatch.Node.DeclaredTypes)}, got {KindOf(mismatch.Value!)}",
            SchemaMismatchKind.NotInEnum =>
                $"{at}: {Shorten(PromptJson.Serialize(mismatch.Value!))} is not one of {string.Join(", ", mismatch.Node.EnumValues.Select(v => PromptJson.Serialize(v)))}",
            SchemaMismatchKind.NotConst => $"{at}: expected {PromptJson.Serialize(mismatch.Node.Const!)}",
            SchemaMismatchKind.MissingRequired => $"{at}: missing required property '{mismatch.PropertyName}'",
            _ => $"{at}: property '{mismatch.PropertyName}' is not allowed",
        };
    }

    /// <summary><c>$</c>, <c>$.customer.email</c>, <c>$.tags[1]</c>: a step into an array is an index.</summary>
    private static string PathText(PromptValue root, IEnumerable<string> path)
    {
        var text = new StringBuilder("$");
        PromptValue? current = root;
        foreach (var step in path)
        {
            if (current is { Kind: PromptValueKind.Array })
            {
                text.Append('[').Append(step).Append(']');
                current = int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.Items.Count ? current.Items[index] : null;
            }
            else
            {
                text.Append('.').Append(step);
                current = current?[step];
            }
        }

        return text.ToString();
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
