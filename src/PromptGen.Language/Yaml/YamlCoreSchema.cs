using System.Globalization;
using PromptGen.Language.Values;

namespace PromptGen.Language.Yaml;

/// <summary>
/// Types plain YAML scalars with YAML 1.2's core schema, as the reference runtime's YAML library does:
/// <c>yes</c>/<c>on</c> stay strings, <c>true</c>/<c>True</c>/<c>TRUE</c> are booleans, <c>~</c>/<c>null</c>/empty are null,
/// integers may be written <c>0x1F</c> or <c>0o17</c>, and floats include <c>.inf</c> and <c>.nan</c>.
/// </summary>
internal static class YamlCoreSchema
{
    private const string StringTag = "tag:yaml.org,2002:str";
    private const string CoreTagPrefix = "tag:yaml.org,2002:";


    /// <param name="text">The scalar's content.</param>
    /// <param name="plain">True when written without quotes or block indicators.</param>
    /// <param name="tag">The explicit tag, if any (empty otherwise).</param>
    public static PromptValue Resolve(string text, bool plain, string tag)
    {
        if (tag.Length > 0)
        {
            // Explicit core tags re-type the text as if it were plain; "!" and every other tag keep a string.
            if (tag == StringTag || !tag.StartsWith(CoreTagPrefix, System.StringComparison.Ordinal)) return PromptValue.String(text);
            return ResolvePlain(text);
        }

        return plain ? ResolvePlain(text) : PromptValue.String(text);
    }

    /// <summary>The reference's YAML library treats a <c>!!</c> tag it does not know as unresolved and keeps the text.</summary>
    public static PromptValue ResolvePlain(string text)
    {
        switch (text)
        {
            case "":
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return PromptValue.Null;
            case "true":
            case "True":
            case "TRUE":
                return PromptValue.True;
            case "false":
            case "False":
            case "FALSE":
                return PromptValue.False;
        }

        var first = text[0];
        if (!(first == '-' || first == '+' || first == '.' || (first >= '0' && first <= '9'))) return PromptValue.String(text);

        // The core schema's patterns are anchored with a regular expression's `$`, which also matches before a final
        // line feed: each form is matched against the text without it.
        var length = text[text.Length - 1] == '\n' ? text.Length - 1 : text.Length;
        if (IsDecimal(text, length)) return PromptValue.Number(ParseDecimal(text));
        if (IsRadixInteger(text, length, 'o')) return PromptValue.Number(ParseRadix(text.Substring(2), 8));
        if (IsRadixInteger(text, length, 'x')) return PromptValue.Number(ParseRadix(text.Substring(2), 16));
        if (IsSpecial(text, length, signed: true, "inf", "Inf", "INF")) return PromptValue.Number(text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity);
        if (IsSpecial(text, length, signed: false, "nan", "NaN", "NAN")) return PromptValue.Number(double.NaN);
        return PromptValue.String(text);
    }

    /// <summary><c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c> (integers included) over <c>text[0..length)</c>.</summary>
    private static bool IsDecimal(string text, int length)
    {
        var i = text[0] == '-' || text[0] == '+' ? 1 : 0;
        if (i < length && text[i] == '.')
        {
            var fraction = Digits(text, i + 1, length, 10);
            if (fraction == 0) return false;
            i += 1 + fraction;
        }
        else
        {
            var whole = Digits(text, i, length, 10);
            if (whole == 0) return false;
            i += whole;
            if (i < length && text[i] == '.') i += 1 + Digits(text, i + 1, length, 10);
        }

        if (i < length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < length && (text[i] == '-' || text[i] == '+')) i++;
            var exponent = Digits(text, i, length, 10);
            if (exponent == 0) return false;
            i += exponent;
        }

        return i == length;
    }

    /// <summary><c>0o[0-7]+</c> or <c>0x[0-9a-fA-F]+</c> over <c>text[0..length)</c>.</summary>
    private static bool IsRadixInteger(string text, int length, char marker)
    {
        if (length < 3 || text[0] != '0' || text[1] != marker) return false;
        return Digits(text, 2, length, marker == 'o' ? 8 : 16) == length - 2;
    }

    /// <summary><c>[-+]?\.(a|b|c)</c> (the sign only when <paramref name="signed"/>) over <c>text[0..length)</c>.</summary>
    private static bool IsSpecial(string text, int length, bool signed, string lower, string capitalized, string upper)
    {
        var i = signed && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        if (length - i != 4 || text[i] != '.') return false;
        return string.CompareOrdinal(text, i + 1, lower, 0, 3) == 0
            || string.CompareOrdinal(text, i + 1, capitalized, 0, 3) == 0
            || string.CompareOrdinal(text, i + 1, upper, 0, 3) == 0;
    }

    /// <summary>How many ASCII digits of <paramref name="radix"/> (8, 10 or 16) run from <paramref name="start"/>.</summary>
    private static int Digits(string text, int start, int length, int radix)
    {
        var i = start;
        while (i < length)
        {
            var c = text[i];
            var isDigit = radix == 16
                ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                : c >= '0' && c < '0' + radix;
            if (!isDigit) break;
            i++;
        }

        return i - start;
    }

    private static double ParseDecimal(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;

        // Older frameworks refuse out-of-range values; JavaScript gives an infinity.
        return text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
    }

    private static double ParseRadix(string digits, int radix)
    {
        double value = 0;
        foreach (var c in digits)
        {
            var digit = c <= '9' ? c - '0' : (char.ToLowerInvariant(c) - 'a') + 10;
            value = (value * radix) + digit;
        }

        return value;
    }
}
