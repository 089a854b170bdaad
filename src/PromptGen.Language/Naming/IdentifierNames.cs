using System.Globalization;

namespace PromptGen.Language.Naming;

/// <summary>Turns wire names (<c>order_id</c>, <c>in-progress</c>, <c>Triage Ticket</c>) into C# identifiers.</summary>
public static class IdentifierNames
{
    private static readonly HashSet<string> s_keywords = new()
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    public static bool IsKeyword(string name) => s_keywords.Contains(name);

    /// <summary>Prefixes C# keywords with <c>@</c>.</summary>
    public static string Escape(string identifier) => IsKeyword(identifier) ? "@" + identifier : identifier;

    /// <summary>Removes a leading <c>@</c>.</summary>
    public static string Unescape(string identifier) => identifier.StartsWith("@", System.StringComparison.Ordinal) ? identifier.Substring(1) : identifier;

    /// <summary>
    /// PascalCase: words are split at characters that cannot be in an identifier and at <c>_</c>; each word's first
    /// letter is upper-cased, the rest kept (<c>order_id</c> → <c>OrderId</c>, <c>userID</c> → <c>UserID</c>).
    /// </summary>
    /// <remarks><paramref name="adjusted"/> is true when the name had characters that are not separators (<c>_ - . space</c>)
    /// and not identifier characters, started with a digit, or had no identifier characters at all.</remarks>
    public static string ToPascalCase(string name, out bool adjusted) => Convert(name, upperFirst: true, out adjusted);

    /// <summary>camelCase, as <c>ToPascalCase</c> but with a lower-case first letter.</summary>
    public static string ToCamelCase(string name, out bool adjusted) => Convert(name, upperFirst: false, out adjusted);

    public static string ToPascalCase(string name) => ToPascalCase(name, out _);

    public static string ToCamelCase(string name) => ToCamelCase(name, out _);

    /// <summary>True for a name that is a C# identifier without changes (keywords count as valid: they get <c>@</c>).</summary>
    public static bool IsValidIdentifier(string name)
    {
        if (name.Length == 0 || !IsIdentifierStart(name[0])) return false;
        for (var i = 1; i < name.Length; i++)
        {
            if (!IsIdentifierPart(name[i])) return false;
        }

        return true;
    }

    /// <summary>Makes a namespace segment out of a folder name, as Visual Studio does (invalid characters → <c>_</c>).</summary>
    public static string ToNamespaceSegment(string folder)
    {
        var builder = new StringBuilder(folder.Length + 1);
        foreach (var c in folder)
        {
            builder.Append(IsIdentifierPart(c) ? c : '_');
        }

        if (builder.Length == 0 || !IsIdentifierStart(builder[0])) builder.Insert(0, '_');
        return Escape(builder.ToString());
    }

    // Names are converted for every schema property, enum member and prompt; a per-thread buffer spares the builder
    // and its growth for each one, and a name that comes out unchanged is returned as it is.
    [ThreadStatic]
    private static char[]? t_buffer;

    private static string Convert(string name, bool upperFirst, out bool adjusted)
    {
        adjusted = false;
        var buffer = t_buffer;
        if (buffer is null || buffer.Length < name.Length + 1) t_buffer = buffer = new char[Math.Max(64, name.Length + 1)];

        // Slot 0 is kept free for the '_' a name that cannot start an identifier gets.
        const int first = 1;
        var end = first;
        var startOfWord = true;
        foreach (var c in name)
        {
            if (IsIdentifierPart(c) && c != '_')
            {
                if (end == first)
                {
                    buffer[end++] = upperFirst ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c);
                }
                else
                {
                    buffer[end++] = startOfWord ? char.ToUpperInvariant(c) : c;
                }

                startOfWord = false;
            }
            else
            {
                if (c is not ('_' or '-' or '.' or ' ')) adjusted = true;
                startOfWord = true;
            }
        }

        if (end == first)
        {
            adjusted = true;
            return upperFirst ? "Value" : "value";
        }

        var start = first;
        if (!IsIdentifierStart(buffer[first]))
        {
            adjusted = true;
            buffer[--start] = '_';
        }

        // camelCase keeps a leading run of capitals readable: "URL" → "url", "HTTPStatus" stays "hTTPStatus" otherwise.
        if (!upperFirst) LowerLeadingCapitals(buffer, start, end);
        return SameAs(name, buffer, start, end) ? name : new string(buffer, start, end - start);
    }

    private static void LowerLeadingCapitals(char[] buffer, int start, int end)
    {
        for (var i = start + 1; i < end && char.IsUpper(buffer[i]); i++)
        {
            if (i + 1 < end && char.IsLower(buffer[i + 1])) break;
            buffer[i] = char.ToLowerInvariant(buffer[i]);
        }
    }

    private static bool SameAs(string name, char[] buffer, int start, int end)
    {
        if (name.Length != end - start) return false;
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] != buffer[start + i]) return false;
        }

        return true;
    }

    private static bool IsIdentifierStart(char c) =>
        c == '_' || char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.LetterNumber;

    private static bool IsIdentifierPart(char c)
    {
        if (c == '_' || char.IsLetterOrDigit(c)) return true;
        switch (CharUnicodeInfo.GetUnicodeCategory(c))
        {
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.ConnectorPunctuation:
            case UnicodeCategory.Format:
                return true;
            default:
                return false;
        }
    }
}
