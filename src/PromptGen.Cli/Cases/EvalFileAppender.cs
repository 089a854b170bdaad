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
        var start = lines.FindIndex(l => l.StartsWith("cases:", StringComparison.Ordinal));
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
            var rest = lines[start].Substring("cases:".Length).Trim();
            if (rest.StartsWith("#", StringComparison.Ordinal)) rest = string.Empty;
            if (rest == "[]") lines[start] = "cases:";
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
}
