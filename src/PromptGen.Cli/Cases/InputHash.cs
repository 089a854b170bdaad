using System.Security.Cryptography;
using PromptGen.Language.Values;

namespace PromptGen.Cli.Cases;

/// <summary>
/// What makes two case inputs the same for <c>cases import</c>: the SHA-256 of the input as JSON with object keys
/// sorted at every level (numbers as JavaScript prints them), so key order and YAML-versus-JSON spelling do not matter.
/// </summary>
internal static class InputHash
{
    public static string Of(PromptValue input)
    {
        var canonical = new StringBuilder();
        Write(canonical, input);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()))).ToLowerInvariant();
    }

    private static void Write(StringBuilder text, PromptValue value)
    {
        switch (value.Kind)
        {
            case PromptValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var property in value.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) text.Append(',');
                    first = false;
                    text.Append(PromptJson.Serialize(PromptValue.String(property.Key))).Append(':');
                    Write(text, property.Value);
                }

                text.Append('}');
                break;
            case PromptValueKind.Array:
                text.Append('[');
                for (var i = 0; i < value.Items.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    Write(text, value.Items[i]);
                }

                text.Append(']');
                break;
            default:
                text.Append(PromptJson.Serialize(value));
                break;
        }
    }
}
