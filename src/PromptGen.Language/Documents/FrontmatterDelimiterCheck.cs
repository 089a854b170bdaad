using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;

namespace PromptGen.Language.Documents;

/// <summary>
/// PG0004: finds files that look like they have frontmatter but that the reference runtime reads as frontmatter-less
/// (the whole file, delimiters and YAML included, becomes the template). Only called when
/// <see cref="FrontmatterExtractor"/> found no usable frontmatter.
/// </summary>
internal static class FrontmatterDelimiterCheck
{
    private const string Consequence = "Dotprompt runtimes then read the whole file, `---` lines and YAML included, as the template.";

    public static PromptDiagnostic? Check(string path, string text, LineMap lines, FrontmatterMatch match)
    {
        // Empty frontmatter: the regex matched but captured nothing, which the reference treats as no frontmatter.
        if (match.Success)
        {
            return Warn(path, lines, 0, 3, $"The frontmatter between the `---` lines is empty; {Consequence} Remove both `---` lines, or add a key.");
        }

        var first = JsText.SkipWhiteSpace(text, 0, text.Length);
        if (first + 3 > text.Length || string.CompareOrdinal(text, first, "---", 0, 3) != 0) return null;

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            return Warn(path, lines, 0, 1, $"The file starts with a byte order mark (U+FEFF) before the opening `---`; {Consequence} Save the file as UTF-8 without a BOM.");
        }

        if (first > 0)
        {
            return Warn(path, lines, first, first + 3, $"The opening `---` is not at the very start of the file (it follows blank lines or spaces); {Consequence} Remove what precedes it.");
        }

        var openingLineEnd = LineEnd(text, 3);
        var trailing = JsText.SkipWhiteSpace(text, 3, openingLineEnd);
        if (trailing < openingLineEnd)
        {
            return Warn(path, lines, 0, openingLineEnd, $"The opening `---` line has other text after the dashes; {Consequence} Put `---` alone on the first line.");
        }

        if (openingLineEnd == text.Length)
        {
            return Warn(path, lines, 0, 3, $"The file has an opening `---` but nothing after it; {Consequence}");
        }

        // Look for the line the author meant as the closing delimiter.
        var lineStart = NextLineStart(text, openingLineEnd);
        while (lineStart < text.Length)
        {
            var lineEnd = LineEnd(text, lineStart);
            var content = JsText.SkipWhiteSpace(text, lineStart, lineEnd);
            if (content + 3 <= lineEnd && string.CompareOrdinal(text, content, "---", 0, 3) == 0)
            {
                if (lineStart == NextLineStart(text, openingLineEnd) && content == lineStart && JsText.SkipWhiteSpace(text, content + 3, lineEnd) == lineEnd)
                {
                    return Warn(path, lines, 0, 3, $"The frontmatter between the `---` lines is empty; {Consequence} Remove both `---` lines, or add a key.");
                }

                if (content > lineStart)
                {
                    return Warn(path, lines, content, content + 3, $"The closing `---` is indented; {Consequence} Start the line with `---`.");
                }

                if (JsText.SkipWhiteSpace(text, content + 3, lineEnd) < lineEnd)
                {
                    return Warn(path, lines, content, lineEnd, $"The closing `---` line has other text after the dashes; {Consequence} Put `---` alone on its line.");
                }

                if (lineEnd == text.Length)
                {
                    return Warn(path, lines, content, content + 3, $"The closing `---` is not followed by a line break; {Consequence} Add a line break after it.");
                }
            }

            lineStart = NextLineStart(text, lineEnd);
        }

        return Warn(path, lines, 0, 3, $"The opening `---` is never closed by a `---` line; {Consequence} Add a line with `---` after the YAML.");
    }

    private static int LineEnd(string text, int offset)
    {
        while (offset < text.Length && !JsText.IsLineBreak(text[offset])) offset++;
        return offset;
    }

    private static int NextLineStart(string text, int lineEnd)
    {
        if (lineEnd >= text.Length) return text.Length;
        return text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
    }

    private static PromptDiagnostic Warn(string path, LineMap lines, int start, int end, string message) =>
        new(DiagnosticDescriptors.FragileFrontmatterDelimiter, path, lines.GetSpan(start, end), message);
}
