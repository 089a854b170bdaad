namespace PromptGen.Language.Text;

/// <summary>
/// JavaScript's character classes, which the Dotprompt reference runtime and Handlebars rely on: <c>\s</c> and
/// <c>String.prototype.trim</c> (which differ from .NET's <see cref="char.IsWhiteSpace(char)"/>: they include U+FEFF
/// and exclude U+0085), <c>\w</c>, and the characters of a Handlebars ID. Linked into the runtime library, so generated
/// code and the language core agree on every one.
/// </summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
static class JsText
{
    /// <summary>JavaScript's <c>\s</c>.</summary>
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

    /// <summary>JavaScript's <c>\w</c> (ASCII only).</summary>
    public static bool IsWordChar(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';

    /// <summary>Characters allowed in a Handlebars ID: <c>[^\s!"#%-,\.\/;->@\[-\^`\{-~]</c>.</summary>
    public static bool IsIdChar(char c)
    {
        if (IsWhiteSpace(c)) return false;
        switch (c)
        {
            case '!': case '"': case '#': case '.': case '/': case '@': case '`':
                return false;
        }

        if (c >= '%' && c <= ',') return false;
        if (c >= ';' && c <= '>') return false;
        if (c >= '[' && c <= '^') return false;
        if (c >= '{' && c <= '~') return false;
        return true;
    }

    /// <summary>JavaScript's <c>String.prototype.trim() === ""</c>.</summary>
    public static bool IsBlank(string text)
    {
        foreach (var c in text)
        {
            if (!IsWhiteSpace(c)) return false;
        }

        return true;
    }

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

    /// <summary>JavaScript's <c>text.trim()</c>.</summary>
    public static string Trim(string text)
    {
        Trim(text, 0, text.Length, out var start, out var end);
        return text.Substring(start, end - start);
    }
}
