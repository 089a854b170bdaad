using PromptGen.Language.Text;

namespace PromptGen.Language.Documents;

/// <summary>
/// Finds frontmatter exactly as the reference runtime's regular expression does, in linear time (a backtracking regex
/// on megabytes of input is slow). Semantics, derived from the expression:
/// the file must start with <c>---</c>; the rest of that line and any blank lines after it are whitespace ending in a
/// line break; the YAML text then runs, lazily, up to the first line break followed by <c>---</c>, optional whitespace and
/// a line break. An opening whitespace run can also hold an (empty) frontmatter, as in <c>---\n\n---\n</c>.
/// </summary>
public static class FrontmatterExtractor
{
    public static FrontmatterMatch Match(string text)
    {
        if (!text.StartsWith("---", System.StringComparison.Ordinal)) return default;

        // The whitespace run after the opening "---"; the opening line break is one of its line breaks.
        var runEnd = JsText.SkipWhiteSpace(text, 3, text.Length);
        var lastBreak = LastLineBreak(text, 3, runEnd);
        if (lastBreak < 0) return default;

        // Greedy \s* means the longest opening is tried first: the YAML text starts after the run's last line break.
        var start = lastBreak + 1;
        var closer = FindCloser(text, start, out var delimiterStart, out var bodyStart);
        if (closer >= 0) return new FrontmatterMatch(start, closer, delimiterStart, bodyStart);

        // Otherwise only a "---" right after the run can close, with a shorter opening: e.g. "---\n\n---\n".
        // Its line break is the run's last character ("\n" or "\r"), or the "\r\n" pair ending the run.
        var highBreak = runEnd - 1;
        if (highBreak < 4 || !JsText.IsLineBreak(text[highBreak])) return default;
        if (!TryCloseAt(text, highBreak, out delimiterStart, out bodyStart)) return default;
        var lowBreak = text[highBreak] == '\n' && text[highBreak - 1] == '\r' ? highBreak - 1 : -1;

        // Shorter openings are tried longest first: the YAML text starts after the latest line break that leaves room.
        for (var yamlStart = highBreak; yamlStart >= 4; yamlStart--)
        {
            if (!JsText.IsLineBreak(text[yamlStart - 1])) continue;
            var closing = lowBreak >= yamlStart ? lowBreak : highBreak;
            return new FrontmatterMatch(yamlStart, closing, delimiterStart, bodyStart);
        }

        return default;
    }

    private static int LastLineBreak(string text, int start, int end)
    {
        for (var i = end - 1; i >= start; i--)
        {
            if (JsText.IsLineBreak(text[i])) return i;
        }

        return -1;
    }

    /// <summary>The first offset at or after <paramref name="start"/> where a closing delimiter matches, or -1.</summary>
    private static int FindCloser(string text, int start, out int delimiterStart, out int bodyStart)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (JsText.IsLineBreak(text[i]) && TryCloseAt(text, i, out delimiterStart, out bodyStart)) return i;
        }

        delimiterStart = bodyStart = -1;
        return -1;
    }

    /// <summary>Does <c>(?:\r\n|\r|\n)---\s*(?:\r\n|\r|\n)</c> match at <paramref name="lineBreak"/>?</summary>
    private static bool TryCloseAt(string text, int lineBreak, out int delimiterStart, out int bodyStart)
    {
        delimiterStart = bodyStart = -1;
        var dashes = lineBreak + (text[lineBreak] == '\r' && lineBreak + 1 < text.Length && text[lineBreak + 1] == '\n' ? 2 : 1);
        if (dashes + 3 > text.Length || string.CompareOrdinal(text, dashes, "---", 0, 3) != 0) return false;
        var runEnd = JsText.SkipWhiteSpace(text, dashes + 3, text.Length);
        var lastBreak = LastLineBreak(text, dashes + 3, runEnd);
        if (lastBreak < 0) return false;
        delimiterStart = dashes;
        bodyStart = lastBreak + 1;
        return true;
    }
}
