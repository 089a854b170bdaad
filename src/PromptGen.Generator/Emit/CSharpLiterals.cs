using System.Globalization;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Emit;

/// <summary>C# literal syntax for values written into generated code.</summary>
internal static class CSharpLiterals
{
    /// <summary>A regular string literal with every special character escaped (safe on one line).</summary>
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
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
                    if (char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\u0085')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

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
