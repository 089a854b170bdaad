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

    public static string Remove(string method)
    {
        var lines = new List<string>(method.Split('\n'));
        bool removed;
        do
        {
            removed = false;
            var text = string.Join("\n", lines);
            for (var i = 0; i < lines.Count; i++)
            {
                var match = s_declaration.Match(lines[i]);
                if (!match.Success) continue;
                var name = match.Groups["name"].Value;
                if (Regex.Matches(text, @"\b" + name + @"\b", RegexOptions.CultureInvariant).Count > 1) continue;
                lines.RemoveAt(i);
                removed = true;
                break;
            }
        }
        while (removed);

        return string.Join("\n", lines);
    }
}
