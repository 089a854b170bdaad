using System.Globalization;

namespace PromptGen;

/// <summary>Validation and normalization of number text without allocating more than the result.</summary>
internal static class NumberText
{
    /// <summary>True when <paramref name="s"/> is exactly a JSON number.</summary>
    public static bool IsJsonNumber(string s)
    {
        var i = 0;
        var n = s.Length;
        if (i < n && s[i] == '-')
        {
            i++;
        }

        if (i >= n)
        {
            return false;
        }

        if (s[i] == '0')
        {
            i++;
        }
        else if (!SkipDigits(s, ref i))
        {
            return false;
        }

        if (i < n && s[i] == '.')
        {
            i++;
            if (!SkipDigits(s, ref i))
            {
                return false;
            }
        }

        if (i < n && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < n && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            if (!SkipDigits(s, ref i))
            {
                return false;
            }
        }

        return i == n;
    }

    /// <summary>
    /// JSON text for numbers JSON does not allow but that are unambiguous: <c>+1</c>, <c>.5</c>, <c>1.</c>, <c>007</c>.
    /// Null when <paramref name="s"/> is no such number.
    /// </summary>
    public static string? NormalizeLenient(string s)
    {
        if (s.Length == 0 || s.Length > 400)
        {
            return null;
        }

        var builder = new StringBuilder(s.Length + 2);
        var i = 0;
        if (s[0] == '+' || s[0] == '-')
        {
            if (s[0] == '-')
            {
                builder.Append('-');
            }

            i++;
        }

        var intStart = i;
        var hadDigits = SkipDigits(s, ref i);
        var intDigits = s.Substring(intStart, i - intStart).TrimStart('0');
        builder.Append(intDigits.Length == 0 ? "0" : intDigits);
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var fracStart = i;
            if (SkipDigits(s, ref i))
            {
                builder.Append('.').Append(s, fracStart, i - fracStart);
                hadDigits = true;
            }
        }

        if (!hadDigits)
        {
            return null;
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            var expStart = i;
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            if (!SkipDigits(s, ref i))
            {
                return null;
            }

            builder.Append(s, expStart, i - expStart);
        }

        if (i != s.Length)
        {
            return null;
        }

        var result = builder.ToString();
        return IsJsonNumber(result) ? result : null;
    }

    /// <summary>
    /// JSON text for human-formatted numbers: thousands separators (<c>1,234.5</c>, <c>1 234</c>, <c>1_000</c>)
    /// and a leading currency sign (<c>$12</c>). Commas must group thousands, so <c>1,5</c> is rejected as ambiguous.
    /// </summary>
    public static string? NormalizeFormatted(string s)
    {
        s = s.Trim();
        if (s.Length == 0 || s.Length > 400)
        {
            return null;
        }

        var builder = new StringBuilder(s.Length);
        var i = 0;
        if (s[i] == '-' || s[i] == '+')
        {
            if (s[i] == '-')
            {
                builder.Append('-');
            }

            i++;
        }

        if (i < s.Length && s[i] is '$' or '€' or '£' or '¥')
        {
            i++;
        }

        if (i < s.Length && builder.Length == 0 && s[i] == '-')
        {
            builder.Append('-');
            i++;
        }

        var groupDigits = 0;
        var sawSeparator = false;
        var sawDigit = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (IsDigit(c))
            {
                builder.Append(c);
                groupDigits++;
                sawDigit = true;
            }
            else if (c is ',' or '_' or ' ' or '\u00A0' or '\u202F' or '\'')
            {
                if (!sawDigit || (sawSeparator && groupDigits != 3) || (!sawSeparator && groupDigits > 3))
                {
                    return null;
                }

                sawSeparator = true;
                groupDigits = 0;
            }
            else
            {
                break;
            }
        }

        if (sawSeparator && groupDigits != 3)
        {
            return null;
        }

        builder.Append(s, i, s.Length - i);
        var candidate = builder.ToString();
        if (IsJsonNumber(candidate))
        {
            return candidate;
        }

        return NormalizeLenient(candidate);
    }

    /// <summary>Integer text for a JSON number that is exactly an integer (<c>3.0</c>, <c>1e3</c>); else null.</summary>
    public static string? ToExactInteger(string jsonNumber)
    {
        if (jsonNumber.IndexOf('.') < 0 && jsonNumber.IndexOf('e') < 0 && jsonNumber.IndexOf('E') < 0)
        {
            return jsonNumber == "-0" ? "0" : jsonNumber;
        }

        if (!decimal.TryParse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return decimal.Truncate(value) == value ? decimal.Truncate(value).ToString(CultureInfo.InvariantCulture) : null;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>Moves <paramref name="i"/> past a run of ASCII digits; true when there was at least one.</summary>
    private static bool SkipDigits(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && IsDigit(s[i]))
        {
            i++;
        }

        return i > start;
    }
}
