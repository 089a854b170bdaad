namespace PromptGen.Cli.Cases;

/// <summary>
/// Appends case items to the <c>cases:</c> sequence of an eval file's text, leaving every other line as it is (comments,
/// order, blank lines): the items go right after the sequence's last line, before any comment that introduces the next
/// top-level key. A file without <c>cases:</c> gets one at the end.
/// </summary>
internal static class EvalFileAppender
{
    public static string Append(string text, IReadOnlyList<List<string>> cases)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        var start = lines.FindIndex(l => CasesKeyLength(l) > 0);
        string indent;
        int insertAt;
        if (start < 0)
        {
            lines.Add("cases:");
            indent = "  ";
            insertAt = lines.Count;
        }
        else
        {
            var key = CasesKeyLength(lines[start]);
            var rest = WithoutComment(lines[start].Substring(key));
            if (IsEmptyFlowSequence(rest)) lines[start] = lines[start].Substring(0, key);
            else if (rest.Length > 0) throw new FormatException("the eval file writes 'cases:' as a flow sequence; write it as a block sequence (one '- id:' per line) to import into it");
            var end = start + 1;
            var last = start;
            indent = "  ";
            var indentFound = false;
            for (; end < lines.Count; end++)
            {
                var line = lines[end];
                var trimmed = line.TrimStart();
                if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal)) continue;
                if (line.Length == trimmed.Length && !trimmed.StartsWith("-", StringComparison.Ordinal)) break; // the next top-level key
                if (!indentFound && trimmed.StartsWith("-", StringComparison.Ordinal))
                {
                    indent = line.Substring(0, line.Length - trimmed.Length);
                    indentFound = true;
                }

                last = end;
            }

            insertAt = last + 1;
        }

        var added = cases.SelectMany(c => c.Select(l => indent + l)).ToList();
        lines.InsertRange(insertAt, added);
        return string.Join(newline, lines) + newline;
    }

    /// <summary>
    /// The length of <c>cases:</c> when the line starts the top-level key <c>cases</c>, plain or quoted and with spaces
    /// before the colon (<c>cases :</c>, <c>"cases":</c>, <c>'cases':</c>); 0 for any other line.
    /// </summary>
    private static int CasesKeyLength(string line)
    {
        var i = 0;
        if (line.StartsWith("cases", StringComparison.Ordinal)) i = "cases".Length;
        else if (line.StartsWith("\"cases\"", StringComparison.Ordinal) || line.StartsWith("'cases'", StringComparison.Ordinal)) i = "'cases'".Length;
        else return 0;
        while (i < line.Length && line[i] is ' ' or '\t') i++;
        if (i == line.Length || line[i] != ':') return 0;
        i++;
        return i == line.Length || line[i] is ' ' or '\t' ? i : 0;
    }

    /// <summary>The text after a key's colon without a trailing comment (a <c>#</c> at its start or after a space).</summary>
    private static string WithoutComment(string rest)
    {
        var trimmed = rest.Trim();
        if (trimmed.StartsWith("#", StringComparison.Ordinal)) return string.Empty;
        var comment = trimmed.IndexOf(" #", StringComparison.Ordinal);
        var tabComment = trimmed.IndexOf("\t#", StringComparison.Ordinal);
        if (tabComment >= 0 && (comment < 0 || tabComment < comment)) comment = tabComment;
        return comment < 0 ? trimmed : trimmed.Substring(0, comment).TrimEnd();
    }

    /// <summary><c>[]</c>, with spaces inside or not: an empty flow sequence, which the block of new cases replaces.</summary>
    private static bool IsEmptyFlowSequence(string rest) =>
        rest.Length >= 2 && rest[0] == '[' && rest[^1] == ']' && rest.Substring(1, rest.Length - 2).Trim().Length == 0;
}
