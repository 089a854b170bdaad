using PromptGen.Language.Values;

namespace PromptGen.Generator.Emit;

/// <summary>
/// Lays out the generated <c>OutputJsonSchema</c> constant: one property per line with two-space indentation, and
/// lists of plain values (<c>enum</c>, <c>required</c>, <c>type</c>) on one line. Only whitespace differs from the
/// schema's JSON, so the value parsed and sent as the response format is the same.
/// </summary>
internal static class SchemaLayout
{
    public static string Format(string json)
    {
        var builder = new StringBuilder(json.Length);
        Write(builder, PromptJson.Parse(json), 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, PromptValue value, int depth)
    {
        if (value.Kind == PromptValueKind.Object && value.Properties.Count > 0)
        {
            builder.Append("{\n");
            var last = value.Properties.Count - 1;
            for (var i = 0; i <= last; i++)
            {
                builder.Append(' ', (depth + 1) * 2);
                PromptJson.WriteString(builder, value.Properties[i].Key);
                builder.Append(": ");
                Write(builder, value.Properties[i].Value, depth + 1);
                builder.Append(i < last ? ",\n" : "\n");
            }

            builder.Append(' ', depth * 2).Append('}');
        }
        else if (value.Kind == PromptValueKind.Array && value.Items.Any(item => item.Kind is PromptValueKind.Object or PromptValueKind.Array))
        {
            builder.Append("[\n");
            var last = value.Items.Count - 1;
            for (var i = 0; i <= last; i++)
            {
                builder.Append(' ', (depth + 1) * 2);
                Write(builder, value.Items[i], depth + 1);
                builder.Append(i < last ? ",\n" : "\n");
            }

            builder.Append(' ', depth * 2).Append(']');
        }
        else if (value.Kind == PromptValueKind.Array)
        {
            builder.Append('[').Append(string.Join(", ", value.Items.Select(item => PromptJson.Serialize(item)))).Append(']');
        }
        else
        {
            builder.Append(PromptJson.Serialize(value));
        }
    }
}
