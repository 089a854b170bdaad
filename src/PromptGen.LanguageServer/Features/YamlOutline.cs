namespace PromptGen.LanguageServer.Features;

/// <summary>
/// The YAML keys that enclose a position, read from indentation alone (the file may not parse while it is typed):
/// for <c>cases: / - id: x / input: / ticket|</c> the chain is <c>cases, -, input</c>.
/// </summary>
internal sealed record YamlOutline(IReadOnlyList<string> Ancestors, string LineBeforeCursor, bool InKey, string Word, int WordStart)
{
    public static YamlOutline At(string text, int offset, int start = 0)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        if (offset == 0) lineStart = 0;
        var before = text.Substring(lineStart, offset - lineStart);
        var indent = Indentation(before);
        var trimmed = before.TrimStart();
        if (trimmed.StartsWith("- ", StringComparison.Ordinal))
        {
            // "- id: x": the item's own keys are one level deeper than the dash.
            indent += 2;
            trimmed = trimmed.Substring(2).TrimStart();
        }

        var inKey = trimmed.IndexOf(':') < 0;
        var wordStart = offset;
        while (wordStart > lineStart && !IsBreak(text[wordStart - 1])) wordStart--;
        var ancestors = new List<string>();
        var limit = indent;
        var cursor = lineStart - 1;
        while (cursor > start && limit > 0)
        {
            var previousStart = text.LastIndexOf('\n', Math.Max(0, cursor - 1)) + 1;
            if (cursor - 1 < 0) previousStart = 0;
            var line = text.Substring(previousStart, Math.Max(0, cursor - previousStart)).TrimEnd('\r');
            cursor = previousStart - 1;
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith("#", StringComparison.Ordinal)) continue;
            var lineIndent = Indentation(line);
            var content = line.TrimStart();
            if (content.StartsWith("- ", StringComparison.Ordinal) || content == "-")
            {
                // A sequence item: its first key sits at the dash's indentation + 2.
                if (lineIndent + 2 <= limit && lineIndent < limit)
                {
                    var itemKey = Key(content.Substring(1).TrimStart());
                    if (itemKey is not null && lineIndent + 2 < limit) ancestors.Insert(0, itemKey);
                    ancestors.Insert(0, "-");
                    limit = lineIndent;
                }

                continue;
            }

            if (lineIndent >= limit) continue;
            if (Key(content) is { } key) ancestors.Insert(0, key);
            limit = lineIndent;
        }

        return new YamlOutline(ancestors, before, inKey, text.Substring(wordStart, offset - wordStart), wordStart);
    }

    private static string? Key(string content)
    {
        var colon = content.IndexOf(':');
        return colon > 0 ? content.Substring(0, colon).Trim().Trim('"', '\'') : null;
    }

    private static int Indentation(string line)
    {
        var count = 0;
        while (count < line.Length && line[count] == ' ') count++;
        return count;
    }

    private static bool IsBreak(char c) => char.IsWhiteSpace(c) || c is ':' or '{' or '}' or '[' or ']' or ',' or '(' or ')' or '"' or '\'';
}
