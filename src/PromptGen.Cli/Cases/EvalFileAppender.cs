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
        // Lines as YAML sees them (a line ends at \r\n, \n or a lone \r), each kept with its own ending; the new lines
        // take the file's first ending.
        var (lines, endings) = SplitLines(text);
        var newline = endings.FirstOrDefault(e => e.Length > 0) ?? "\n";
        var start = lines.FindIndex(l => CasesKeyLength(l) > 0);
        string indent;
        int insertAt;
        if (start < 0)
        {
            if (endings.Count > 0 && endings[^1].Length == 0) endings[^1] = newline;
            lines.Add("cases:");
            endings.Add(newline);
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

        // The line before the new ones gets an ending if it had none (the file's last line).
        if (insertAt > 0 && endings[insertAt - 1].Length == 0) endings[insertAt - 1] = newline;
        lines.InsertRange(insertAt, added);
        endings.InsertRange(insertAt, added.Select(_ => newline));
        var result = new StringBuilder(text.Length + added.Sum(l => l.Length + newline.Length));
        for (var i = 0; i < lines.Count; i++) result.Append(lines[i]).Append(endings[i]);
        return result.ToString();
    }

    private static (List<string> Lines, List<string> Endings) SplitLines(string text)
    {
        var lines = new List<string>();
        var endings = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('\n' or '\r')) continue;
            var ending = text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? "\r\n" : text[i].ToString();
            lines.Add(text.Substring(start, i - start));
            endings.Add(ending);
            i += ending.Length - 1;
            start = i + 1;
        }

        if (start < text.Length)
        {
            lines.Add(text.Substring(start));
            endings.Add(string.Empty);
        }

        return (lines, endings);
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
