using System.Globalization;
using System.Text.RegularExpressions;
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

    private static readonly Regex s_decimalInteger = new(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex s_octalInteger = new(@"^0o[0-7]+$", RegexOptions.CultureInvariant);
    private static readonly Regex s_hexInteger = new(@"^0x[0-9a-fA-F]+$", RegexOptions.CultureInvariant);
    private static readonly Regex s_float = new(@"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex s_infinity = new(@"^[-+]?\.(?:inf|Inf|INF)$", RegexOptions.CultureInvariant);
    private static readonly Regex s_notANumber = new(@"^\.(?:nan|NaN|NAN)$", RegexOptions.CultureInvariant);

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

        if (s_decimalInteger.IsMatch(text) || s_float.IsMatch(text)) return PromptValue.Number(ParseDecimal(text));
        if (s_octalInteger.IsMatch(text)) return PromptValue.Number(ParseRadix(text.Substring(2), 8));
        if (s_hexInteger.IsMatch(text)) return PromptValue.Number(ParseRadix(text.Substring(2), 16));
        if (s_infinity.IsMatch(text)) return PromptValue.Number(text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity);
        if (s_notANumber.IsMatch(text)) return PromptValue.Number(double.NaN);
        return PromptValue.String(text);
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
