using PromptGen.Generator.Models;

namespace PromptGen.Generator.Emit;

/// <summary>
/// Writes the C# expression that builds a <c>PromptGen.OutputShape</c> for a mapped type: the same wire names,
/// required properties and enum values as the strict codec, so repaired JSON always reads back.
/// </summary>
internal static class OutputShapes
{
    private const string Shape = "global::PromptGen.OutputShape";
    private const string Property = "global::PromptGen.OutputProperty";

    /// <param name="model">The prompt, for its records and enums.</param>
    /// <param name="type">The type to describe.</param>
    /// <param name="indent">Indentation level of the expression's first line (continuation lines go one deeper).</param>
    public static string Expression(PromptModel model, TypeRef type, int indent)
    {
        var builder = new StringBuilder();
        Write(builder, model, type, indent, depth: 0);
        return builder.ToString();
    }

    /// <summary>
    /// The one-line description of the shape that the runtime's <c>PromptOutputParser</c> reads (the text
    /// <c>OutputShape.ToString()</c> writes, e.g. <c>object{category: enum(billing|bug), note?: string?}</c>), or null when
    /// a name or enum value is empty or holds a character of that syntax (the shape is then built in code).
    /// </summary>
    public static string? Description(PromptModel model, TypeRef type)
    {
        var builder = new StringBuilder();
        return Describe(builder, model, type) ? builder.ToString() : null;
    }

    /// <summary>Characters the description's syntax uses (the runtime's <c>OutputShapeText.Reserved</c>).</summary>
    private const string Reserved = "|(){}<>,:? ";

    private static bool IsPlainName(string name) => name.Length > 0 && name.IndexOfAny(Reserved.ToCharArray()) < 0;

    private static bool Describe(StringBuilder builder, PromptModel model, TypeRef type)
    {
        var core = type.AsNonNullable();
        switch (core.Kind)
        {
            case TypeKind.String:
                builder.Append("string");
                break;
            case TypeKind.Int64:
            case TypeKind.Int32:
                builder.Append("integer");
                break;
            case TypeKind.Double:
                builder.Append("number");
                break;
            case TypeKind.Boolean:
                builder.Append("boolean");
                break;
            case TypeKind.List:
            case TypeKind.Map:
                builder.Append(core.Kind == TypeKind.List ? "array<" : "map<");
                if (!Describe(builder, model, core.Element!)) return false;
                builder.Append('>');
                break;
            case TypeKind.Enum:
                var values = model.Enums.First(e => e.Name == core.Name).Members.Select(m => m.WireName).ToList();
                if (!values.All(IsPlainName)) return false;
                builder.Append("enum(").Append(string.Join("|", values)).Append(')');
                break;
            case TypeKind.Record:
                var record = model.Records.First(r => r.Name == core.Name);
                builder.Append("object{");
                for (var i = 0; i < record.Properties.Count; i++)
                {
                    var property = record.Properties[i];
                    if (!IsPlainName(property.WireName)) return false;
                    if (i > 0) builder.Append(", ");
                    builder.Append(property.WireName).Append(property.IsRequired ? ": " : "?: ");
                    if (!Describe(builder, model, property.Type)) return false;
                }

                builder.Append('}');
                break;
            default:
                // JsonElement: any JSON value (already nullable).
                builder.Append("any");
                return true;
        }

        if (type.IsNullable) builder.Append('?');
        return true;
    }

    private static void Write(StringBuilder builder, PromptModel model, TypeRef type, int indent, int depth)
    {
        var core = type.AsNonNullable();
        switch (core.Kind)
        {
            case TypeKind.String:
                builder.Append(Shape).Append(".String");
                break;
            case TypeKind.Int64:
            case TypeKind.Int32:
                builder.Append(Shape).Append(".Integer");
                break;
            case TypeKind.Double:
                builder.Append(Shape).Append(".Number");
                break;
            case TypeKind.Boolean:
                builder.Append(Shape).Append(".Boolean");
                break;
            case TypeKind.List:
                builder.Append(Shape).Append(".Array(");
                Write(builder, model, core.Element!, indent, depth + 1);
                builder.Append(')');
                break;
            case TypeKind.Map:
                builder.Append(Shape).Append(".Map(");
                Write(builder, model, core.Element!, indent, depth + 1);
                builder.Append(')');
                break;
            case TypeKind.Enum:
                var enumModel = model.Enums.First(e => e.Name == core.Name);
                builder.Append(Shape).Append(".Enum(")
                    .Append(string.Join(", ", enumModel.Members.Select(m => CSharpLiterals.String(m.WireName))))
                    .Append(')');
                break;
            case TypeKind.Record:
                WriteObject(builder, model, model.Records.First(r => r.Name == core.Name), indent + 1);
                break;
            default:
                // JsonElement: any JSON value, written through unchanged.
                builder.Append(Shape).Append(".Any");
                return;
        }

        if (type.IsNullable) builder.Append(".AsNullable()");
    }

    private static void WriteObject(StringBuilder builder, PromptModel model, RecordModel record, int indent)
    {
        builder.Append(Shape).Append(".Object(");
        if (record.Properties.Count == 0)
        {
            builder.Append(')');
            return;
        }

        var pad = new string(' ', indent * 4);
        for (var i = 0; i < record.Properties.Count; i++)
        {
            var property = record.Properties[i];
            builder.Append('\n').Append(pad).Append("new ").Append(Property).Append('(')
                .Append(CSharpLiterals.String(property.WireName)).Append(", ");
            Write(builder, model, property.Type, indent, depth: 0);
            if (!property.IsRequired) builder.Append(", required: false");
            builder.Append(')').Append(i == record.Properties.Count - 1 ? ")" : ",");
        }
    }
}
