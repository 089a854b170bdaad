using System.Globalization;

namespace PromptGen.Language.Values;

/// <summary>Formats doubles exactly as JavaScript's <c>Number.prototype.toString()</c> does.</summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
static class JsNumber
{
    /// <summary>Appends what <see cref="ToString(double)"/> returns, without an intermediate string for the common numbers.</summary>
    public static void Append(StringBuilder builder, double value)
    {
#if NET
        System.Span<char> buffer = stackalloc char[32];
        if (TryFormat(value, buffer, out var written))
        {
            builder.Append(buffer.Slice(0, written));
            return;
        }
#endif
        builder.Append(ToString(value));
    }

    private const double MaxSafeInteger = 9007199254740991d;

    /// <summary>An integer as JavaScript prints the number it becomes (beyond 2^53 it is rounded to a double first).</summary>
    public static string ToString(long value) =>
        Math.Abs((double)value) <= MaxSafeInteger ? value.ToString(CultureInfo.InvariantCulture) : ToString((double)value);

    /// <summary>Appends an integer as JavaScript prints the number it becomes (beyond 2^53 it is rounded to a double first).</summary>
    public static void Append(StringBuilder builder, long value)
    {
        if (Math.Abs((double)value) > MaxSafeInteger)
        {
            builder.Append(ToString((double)value));
            return;
        }

#if NET
        System.Span<char> buffer = stackalloc char[20];
        if (value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture))
        {
            builder.Append(buffer.Slice(0, written));
            return;
        }
#endif
        builder.Append(value.ToString(CultureInfo.InvariantCulture));
    }

#if NET
    /// <summary>
    /// Writes what <see cref="ToString(double)"/> returns into <paramref name="destination"/> without a string, for the
    /// common numbers (whole numbers below 1e15 and plain decimals); false for the rest, which take <see cref="ToString(double)"/>.
    /// </summary>
    public static bool TryFormat(double value, System.Span<char> destination, out int written)
    {
        written = 0;
        if (double.IsNaN(value) || double.IsInfinity(value)) return false;
        if (value == 0)
        {
            if (destination.Length == 0) return false;
            destination[0] = '0';
            written = 1;
            return true;
        }

        // The fast paths of ToString, with the same digits.
        var magnitude = Math.Abs(value);
        if (magnitude < 1e15 && value == Math.Floor(value)) return ((long)value).TryFormat(destination, out written, default, CultureInfo.InvariantCulture);
        if (magnitude < 1e-6 || magnitude >= 1e21 || !value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture)) return false;
        if (destination.Slice(0, written).IndexOf('E') < 0) return true;
        written = 0;
        return false;
    }
#endif

    public static string ToString(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        if (value == 0) return "0"; // also -0, as in JavaScript

        // Fast paths, same digits as below: whole numbers JavaScript prints without an exponent, and numbers that .NET
        // prints in plain decimal notation where JavaScript does too (1e-6 <= |value| < 1e21).
        var magnitude = Math.Abs(value);
        if (magnitude < 1e15 && value == Math.Floor(value)) return ((long)value).ToString(CultureInfo.InvariantCulture);
        if (magnitude >= 1e-6 && magnitude < 1e21)
        {
            var plain = value.ToString("R", CultureInfo.InvariantCulture);
            if (plain.IndexOf('E') < 0) return plain;
        }

        // "R" gives the shortest digits that round-trip on .NET Core 3.0 and later.
        var roundTrip = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        SplitDigits(roundTrip, out var digits, out var pointPosition);

        // pointPosition is ECMAScript's n: value = 0.digits * 10^n.
        var k = digits.Length;
        var n = pointPosition;
        var builder = new StringBuilder();
        if (value < 0) builder.Append('-');

        if (k <= n && n <= 21)
        {
            builder.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            builder.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            builder.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var exponent = n - 1;
            builder.Append(digits[0]);
            if (k > 1) builder.Append('.').Append(digits, 1, k - 1);
            builder.Append('e').Append(exponent >= 0 ? "+" : "-").Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static void SplitDigits(string text, out string digits, out int pointPosition)
    {
        var exponent = 0;
        var ePosition = text.IndexOfAny(new[] { 'E', 'e' });
        if (ePosition >= 0)
        {
            exponent = int.Parse(text.Substring(ePosition + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text.Substring(0, ePosition);
        }

        var dot = text.IndexOf('.');
        var integerPart = dot >= 0 ? text.Substring(0, dot) : text;
        var fractionPart = dot >= 0 ? text.Substring(dot + 1) : string.Empty;
        var all = integerPart + fractionPart;
        var leadingZeros = 0;
        while (leadingZeros < all.Length - 1 && all[leadingZeros] == '0') leadingZeros++;
        all = all.Substring(leadingZeros);
        all = all.TrimEnd('0');
        if (all.Length == 0) all = "0";
        digits = all;
        pointPosition = integerPart.Length - leadingZeros + exponent;
    }
}
