using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.Evals.Schemas;

/// <summary>
/// The schema-aligned parser's view of a prompt's output schema, built from the semantic model exactly as generated
/// code builds it (the generator writes the same shape as C#): enums by their wire values, optional properties
/// nullable, and what has no faithful C# type accepted as any JSON value. Used where no generated code exists:
/// <c>promptgen parse</c> and tests.
/// </summary>
public static class OutputShapes
{
    /// <summary>The shape of an output schema node.</summary>
    public static OutputShape FromSchema(SchemaNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.NoCSharpType is not null) return OutputShape.Any;
        OutputShape shape;
        if (node.IsStringEnum)
        {
            var values = node.EnumValues.Where(v => !v.IsNull).Select(v => v.AsString).Distinct(StringComparer.Ordinal).ToArray();
            if (values.Length == 0) return OutputShape.Any;
            shape = OutputShape.Enum(values);
        }
        else
        {
            shape = node.Kind switch
            {
                SchemaKind.String => OutputShape.String,
                SchemaKind.Integer => OutputShape.Integer,
                SchemaKind.Number => OutputShape.Number,
                SchemaKind.Boolean => OutputShape.Boolean,
                SchemaKind.Array => OutputShape.Array(FromSchema(node.Items ?? SchemaNode.Any)),
                SchemaKind.Map => OutputShape.Map(FromSchema(node.AdditionalProperties ?? SchemaNode.Any)),
                SchemaKind.Object => OutputShape.Object(node.Properties.Select(p =>
                    new OutputProperty(p.Name, p.IsRequired ? FromSchema(p.Type) : FromSchema(p.Type).AsNullable(), p.IsRequired))),
                _ => OutputShape.Any,
            };
        }

        if (node.IsNullable && shape != OutputShape.Any) shape = shape.AsNullable();
        return node.Description is null ? shape : shape.WithDescription(node.Description);
    }

    /// <summary>The shape of a JSON Schema given as text (Picoschema already converted), read by the language core.</summary>
    /// <remarks>Throws a <c>FormatException</c> when the text is not JSON.</remarks>
    public static OutputShape FromJsonSchema(string json) =>
        FromSchema(SchemaReader.Read(PromptJson.Parse(json ?? throw new ArgumentNullException(nameof(json)))));
}
