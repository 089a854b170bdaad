namespace PromptGen.Language.Templates;

/// <summary>Character classes of JavaScript regular expressions, which Handlebars and Dotprompt rely on.</summary>
internal static class JsText
{
    /// <summary>JavaScript's <c>\s</c>.</summary>
    public static bool IsWhiteSpace(char c) =>
        c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\u00a0' || c == '\u1680' ||
        (c >= '\u2000' && c <= '\u200a') || c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' ||
        c == '\u3000' || c == '\ufeff';

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

    /// <summary>JavaScript's <c>String.prototype.trim() !== ""</c>.</summary>
    public static bool IsBlank(string text)
    {
        foreach (var c in text)
        {
            if (!IsWhiteSpace(c)) return false;
        }

        return true;
    }

    public static string Trim(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsWhiteSpace(text[start])) start++;
        while (end > start && IsWhiteSpace(text[end - 1])) end--;
        return text.Substring(start, end - start);
    }
}
