namespace PromptGen.Language.Text;

/// <summary>
/// JavaScript's notion of whitespace (the regex class <c>\s</c> and <c>String.prototype.trim</c>), which the
/// Dotprompt reference runtime uses to find frontmatter and to trim templates. It differs from .NET's
/// <see cref="char.IsWhiteSpace(char)"/>: it includes U+FEFF and excludes U+0085.
/// </summary>
public static class JsText
{
    public static bool IsWhiteSpace(char c)
    {
        switch (c)
        {
            case '\t':
            case '\n':
            case '\v':
            case '\f':
            case '\r':
            case ' ':
            case '\u00A0':
            case '\u1680':
            case '\u2028':
            case '\u2029':
            case '\u202F':
            case '\u205F':
            case '\u3000':
            case '\uFEFF':
                return true;
            default:
                return c >= '\u2000' && c <= '\u200A';
        }
    }

    public static bool IsLineBreak(char c) => c == '\n' || c == '\r';

    /// <summary>Offset of the first non-whitespace character at or after <paramref name="start"/> (or <paramref name="end"/>).</summary>
    public static int SkipWhiteSpace(string text, int start, int end)
    {
        var i = start;
        while (i < end && IsWhiteSpace(text[i])) i++;
        return i;
    }

    /// <summary>Like JavaScript's <c>text.slice(start, end).trim()</c>, returned as the trimmed range.</summary>
    public static void Trim(string text, int start, int end, out int trimmedStart, out int trimmedEnd)
    {
        trimmedStart = SkipWhiteSpace(text, start, end);
        trimmedEnd = end;
        while (trimmedEnd > trimmedStart && IsWhiteSpace(text[trimmedEnd - 1])) trimmedEnd--;
    }
}
