namespace PromptGen.LanguageServer.Features;

/// <summary>What is being typed inside a mustache.</summary>
internal enum MustachePart
{
    /// <summary>The first word: a helper or a value.</summary>
    Head,

    /// <summary>After <c>{{#</c>: a block helper.</summary>
    BlockHead,

    /// <summary>A parameter of a helper or block: a value.</summary>
    Argument,

    /// <summary>After <c>{{&gt;</c>: a partial name.</summary>
    PartialName,

    /// <summary>Inside a comment or a closing tag: nothing to offer.</summary>
    None,
}

/// <summary>
/// Where the cursor is inside a template, read from the text alone (the template may not parse while it is typed):
/// the open mustache around it, which part of it, the helper it belongs to and the word being typed.
/// </summary>
internal sealed record TemplateCursor(int MustacheStart, MustachePart Part, string? Helper, string Word, int WordStart)
{
    public static TemplateCursor? At(string text, int templateStart, int offset)
    {
        if (offset < templateStart || offset > text.Length) return null;
        var open = offset >= 2 ? text.LastIndexOf("{{", offset - 1, offset - templateStart, System.StringComparison.Ordinal) : -1;
        if (open < templateStart) return null;
        var close = text.IndexOf("}}", open + 2, System.StringComparison.Ordinal);
        if (close >= 0 && close + 2 <= offset) return null;
        var inner = text.Substring(open + 2, offset - open - 2);
        var index = 0;
        while (index < inner.Length && (inner[index] == '{' || inner[index] == '~' || inner[index] == '&')) index++;
        var sigil = index < inner.Length ? inner[index] : '\0';
        var part = MustachePart.Head;
        switch (sigil)
        {
            case '!':
            case '/':
                part = MustachePart.None;
                break;
            case '>':
                part = MustachePart.PartialName;
                index++;
                break;
            case '#':
            case '^':
                part = MustachePart.BlockHead;
                index++;
                break;
        }

        var wordStart = offset;
        while (wordStart > open + 2 + index && !IsBreak(text[wordStart - 1])) wordStart--;
        var word = text.Substring(wordStart, offset - wordStart);
        var before = text.Substring(open + 2 + index, wordStart - open - 2 - index);
        var headText = before.TrimStart();
        string? helper = null;
        if (part == MustachePart.PartialName) return new TemplateCursor(open, part, null, word, wordStart);
        if (part == MustachePart.None) return new TemplateCursor(open, part, null, word, wordStart);

        // A subexpression opens a new head.
        var paren = before.LastIndexOf('(');
        if (paren >= 0 && before.IndexOf(')', paren) < 0)
        {
            var inside = before.Substring(paren + 1).TrimStart();
            if (inside.Length == 0) return new TemplateCursor(open, MustachePart.Head, null, word, wordStart);
            helper = FirstWord(inside);
            return new TemplateCursor(open, MustachePart.Argument, helper, word, wordStart);
        }

        if (headText.Length == 0) return new TemplateCursor(open, part, null, word, wordStart);
        helper = FirstWord(headText);
        return new TemplateCursor(open, MustachePart.Argument, helper, word, wordStart);
    }

    private static string FirstWord(string text)
    {
        var end = 0;
        while (end < text.Length && !IsBreak(text[end])) end++;
        return text.Substring(0, end);
    }

    private static bool IsBreak(char c) => char.IsWhiteSpace(c) || c is '(' or ')' or '=' or '{' or '}' or '~' or '"' or '\'' or '|';
}
