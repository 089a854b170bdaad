using PromptGen.Generator.Models;

namespace PromptGen.Generator.Emit;

/// <summary>
/// Writes the one-line description of the <c>PromptGen.OutputShape</c> of a mapped type that the runtime's
/// <c>PromptOutputParser</c> reads (<c>OutputShapeText</c>): the same wire names, required properties and enum values as
/// the strict codec, so repaired JSON always reads back. For example
/// <c>object{category: enum(billing|bug), note?: string?, tags: array&lt;string&gt;}</c>: the text
/// <c>OutputShape.ToString()</c> writes, with a name or enum value that is empty or holds a character of the syntax
/// written as a quoted string (<c>"needs review"</c>, with <c>\"</c> and <c>\\</c> inside).
/// </summary>
internal static class OutputShapes
{
    /// <summary>Characters the description's syntax uses (the runtime's <c>OutputShapeText.Reserved</c>).</summary>
    private const string Reserved = "|(){}<>,:? \"\\";

    private static readonly char[] s_reserved = Reserved.ToCharArray();

    /// <param name="model">The prompt, for its records and enums.</param>
    /// <param name="type">The type to describe.</param>
    public static string Description(PromptModel model, TypeRef type)
    {
        var builder = new StringBuilder(256);
        Describe(builder, model, type);
        return builder.ToString();
    }

    private static void Describe(StringBuilder builder, PromptModel model, TypeRef type)
    {
        // The kind, element and name are the same for the nullable and the non-nullable type; only the suffix differs.
        var core = type;
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
                Describe(builder, model, core.Element!);
                builder.Append('>');
                break;
            case TypeKind.Enum:
                builder.Append("enum(");
                var members = EnumNamed(model, core.Name!).Members;
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0) builder.Append('|');
                    AppendName(builder, members[i].WireName);
                }

                builder.Append(')');
                break;
            case TypeKind.Record:
                var record = RecordNamed(model, core.Name!);
                builder.Append("object{");
                for (var i = 0; i < record.Properties.Count; i++)
                {
                    var property = record.Properties[i];
                    if (i > 0) builder.Append(", ");
                    AppendName(builder, property.WireName);
                    builder.Append(property.IsRequired ? ": " : "?: ");
                    Describe(builder, model, property.Type);
                }

                builder.Append('}');
                break;
            default:
                // JsonElement: any JSON value (null included, so never marked nullable).
                builder.Append("any");
                return;
        }

        if (type.IsNullable) builder.Append('?');
    }

    private static void AppendName(StringBuilder builder, string name)
    {
        if (name.Length > 0 && name.IndexOfAny(s_reserved) < 0)
        {
            builder.Append(name);
            return;
        }

        builder.Append('"').Append(name.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
    }

    private static EnumModel EnumNamed(PromptModel model, string name)
    {
        foreach (var enumModel in model.Enums)
        {
            if (enumModel.Name == name) return enumModel;
        }

        throw new InvalidOperationException($"No enum named '{name}'.");
    }

    private static RecordModel RecordNamed(PromptModel model, string name)
    {
        foreach (var record in model.Records)
        {
            if (record.Name == name) return record;
        }

        throw new InvalidOperationException($"No record named '{name}'.");
    }
}
