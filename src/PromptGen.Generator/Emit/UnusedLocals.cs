using System.Text.RegularExpressions;

namespace PromptGen.Generator.Emit;

/// <summary>
/// Removes the scope locals a compiled template method declares but never reads (a block's context, <c>../</c> stack,
/// data frame or block parameter that its body does not use), so generated code has no dead assignments. Only the
/// emitter's own scope locals are candidates; their initializers have no side effects.
/// </summary>
internal static class UnusedLocals
{
    private static readonly Regex s_declaration = new(@"^\s*var (?<name>(?:[csfp]\d+|ps)) = [^\n]*;$", RegexOptions.CultureInvariant);

    // Every whole-word use of a name a declaration can have; uses are whole words, so they never overlap.
    private static readonly Regex s_use = new(@"\b(?:[csfp]\d+|ps)\b", RegexOptions.CultureInvariant);

    /// <summary>
    /// Drops each declaration whose name appears nowhere else in the method, until none is left: removing one can leave
    /// another unread. The uses are counted once and decremented as lines go, instead of searching the whole method
    /// again for each name (which was quadratic in the method's length).
    /// </summary>
    public static string Remove(string method)
    {
        var lines = method.Split('\n');
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var match = s_use.Match(method); match.Success; match = match.NextMatch())
        {
            uses[match.Value] = uses.TryGetValue(match.Value, out var count) ? count + 1 : 1;
        }

        string?[]? declared = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].IndexOf("var ", StringComparison.Ordinal) < 0) continue;
            var match = s_declaration.Match(lines[i]);
            if (!match.Success) continue;
            declared ??= new string?[lines.Length];
            declared[i] = match.Groups["name"].Value;
        }

        if (declared is null) return method;

        var removed = new bool[lines.Length];
        var anyRemoved = false;
        bool removedThisPass;
        do
        {
            removedThisPass = false;
            for (var i = 0; i < lines.Length; i++)
            {
                // The declaration itself is the one use a name has when nothing reads it.
                if (removed[i] || declared[i] is not { } name || uses[name] > 1) continue;
                removed[i] = true;
                removedThisPass = anyRemoved = true;
                for (var match = s_use.Match(lines[i]); match.Success; match = match.NextMatch()) uses[match.Value]--;
            }
        }
        while (removedThisPass);

        if (!anyRemoved) return method;
        var builder = new StringBuilder(method.Length);
        var first = true;
        for (var i = 0; i < lines.Length; i++)
        {
            if (removed[i]) continue;
            if (!first) builder.Append('\n');
            builder.Append(lines[i]);
            first = false;
        }

        return builder.ToString();
    }
}
