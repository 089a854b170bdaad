namespace PromptGen.Serialization;

/// <summary>
/// The numbers models write most (<c>2</c>, <c>0.87</c>, <c>-12.5</c>) converted without the general parser, with
/// exactly its result. A decimal with at most 15 digits and no exponent is a whole number below 2^53 divided by a power
/// of ten up to 10^15; both are exact doubles, and one IEEE division rounds correctly, so the quotient is the double
/// nearest the decimal, which is what the general (correctly rounding) parser returns. Anything else is left to it.
/// </summary>
internal static class JsonShortNumber
{
    /// <summary>The most digits whose value is below 2^53 whatever they are.</summary>
    private const int MaxDigits = 15;

    private static readonly double[] s_powersOfTen =
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    };

    /// <summary>
    /// Converts the text of a JSON number (as <see cref="System.Text.Json.Utf8JsonReader"/> has checked it) of the form
    /// <c>-?digits(.digits)?</c> with at most 15 digits and a value other than zero.
    /// </summary>
    /// <param name="number">The number's UTF-8 text.</param>
    /// <param name="value">The double nearest the number; 0 when the method returns false.</param>
    /// <returns>False for any other number (an exponent, more digits, zero): the caller parses it the general way.</returns>
    public static bool TryParseDouble(ReadOnlySpan<byte> number, out double value)
    {
        value = 0;
        var i = 0;
        var negative = number.Length > 0 && number[0] == (byte)'-';
        if (negative) i++;

        ulong digits = 0;
        var digitCount = 0;
        var fractionStart = -1;
        for (; i < number.Length; i++)
        {
            var digit = (uint)(number[i] - '0');
            if (digit <= 9)
            {
                // More digits than are exact go to the parser (and the sum never overflows).
                if (++digitCount > MaxDigits) return false;
                digits = (digits * 10) + digit;
            }
            else if (number[i] == (byte)'.')
            {
                fractionStart = digitCount;
            }
            else
            {
                return false; // an exponent
            }
        }

        // Zero is left to the parser so that the sign of -0 is its business alone.
        if (digits == 0) return false;
        var magnitude = fractionStart < 0 ? digits : digits / s_powersOfTen[digitCount - fractionStart];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>
    /// Converts the text of a whole JSON number (as <see cref="System.Text.Json.Utf8JsonReader"/> has checked it) of
    /// at most 18 digits, which always fits a <see cref="long"/>.
    /// </summary>
    /// <param name="number">The number's UTF-8 text.</param>
    /// <param name="value">The number; 0 when the method returns false.</param>
    /// <returns>False for any other number (a fraction, an exponent, more digits): the caller parses it the general way.</returns>
    public static bool TryParseInt64(ReadOnlySpan<byte> number, out long value)
    {
        value = 0;
        var i = 0;
        var negative = number.Length > 0 && number[0] == (byte)'-';
        if (negative) i++;
        if (number.Length - i > 18) return false;

        long magnitude = 0;
        for (; i < number.Length; i++)
        {
            var digit = (uint)(number[i] - '0');
            if (digit > 9) return false;
            magnitude = (magnitude * 10) + digit;
        }

        value = negative ? -magnitude : magnitude;
        return true;
    }
}
