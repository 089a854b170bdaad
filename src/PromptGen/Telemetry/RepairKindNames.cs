namespace PromptGen.Telemetry;

/// <summary>The snake_case telemetry name of each <see cref="PromptRepairKind"/>, computed once per kind.</summary>
internal static class RepairKindNames
{
    // Filled on first use of each kind; a race only computes the same string twice.
    private static readonly string?[] s_names = new string?[64];

    public static string Of(PromptRepairKind kind)
    {
        var index = (int)kind;
        if ((uint)index >= (uint)s_names.Length) return ToSnakeCase(kind.ToString());
        return s_names[index] ??= ToSnakeCase(kind.ToString());
    }

    internal static string ToSnakeCase(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0) builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
