using System.Globalization;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Emit;

/// <summary>C# literal syntax for values written into generated code.</summary>
internal static class CSharpLiterals
{
    /// <summary>A regular string literal with every special character escaped (safe on one line).</summary>
    public static string String(string value)
    {
        // Most values (names, wire names, template text without line breaks) need no escape: one concatenation.
        if (FirstEscaped(value) < 0) return "\"" + value + "\"";
        return AppendString(new StringBuilder(value.Length + 16), value).ToString();
    }

    /// <summary>
    /// <paramref name="value"/> as the literal <see cref="String"/> writes, for an interpolated line of an
    /// <see cref="IndentedWriter"/>, which writes it in place without building the literal as a string first.
    /// </summary>
    public static QuotedString Quote(string value) => new(value);

    /// <summary>Appends the literal <see cref="String"/> gives for <paramref name="value"/>, escaping in place.</summary>
    public static StringBuilder AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        var start = 0;
        for (var i = FirstEscaped(value); i >= 0 && i < value.Length; i++)
        {
            var c = value[i];
            if (!NeedsEscape(c)) continue;
            builder.Append(value, start, i - start);
            start = i + 1;
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\0': builder.Append("\\0"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                default:
                    builder.Append("\\u").Append(HexDigit(c >> 12)).Append(HexDigit(c >> 8)).Append(HexDigit(c >> 4)).Append(HexDigit(c));
                    break;
            }
        }

        return builder.Append(value, start, value.Length - start).Append('"');
    }

    /// <summary>The index of the first character <see cref="String"/> escapes, or -1.</summary>
    private static int FirstEscaped(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (NeedsEscape(value[i])) return i;
        }

        return -1;
    }

    /// <summary>Quotes and backslashes, control characters (the named escapes among them), lone surrogates and the line separators C# forbids in a literal.</summary>
    private static bool NeedsEscape(char c) =>
        c == '"' || c == '\\' || char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029';

    private static char HexDigit(int value) => "0123456789abcdef"[value & 0xF];

    /// <summary>The fewest quotes that can delimit <paramref name="content"/> as a raw string literal (at least three).</summary>
    public static string RawStringDelimiter(string content)
    {
        int longest = 0, run = 0;
        foreach (var c in content)
        {
            run = c == '"' ? run + 1 : 0;
            if (run > longest) longest = run;
        }

        return new string('"', System.Math.Max(3, longest + 1));
    }

    public static string Double(double value)
    {
        var text = JsNumber.ToString(value);
        return text.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0 ? text : text + ".0";
    }

    public static string Float(double value) => JsNumber.ToString(value) + "f";

    public static string Integer(double value) => ((long)value).ToString(CultureInfo.InvariantCulture);
}

/// <summary>A string to write as a C# string literal (<see cref="CSharpLiterals.Quote"/>); as text, the literal itself.</summary>
internal readonly struct QuotedString
{
    public QuotedString(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => CSharpLiterals.String(Value);
}
