using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PromptGen.Serialization;

namespace PromptGen.Tests.Serialization;

/// <summary>
/// The short-number conversion of the strict reader must give exactly what <see cref="Utf8JsonReader"/>'s own
/// <c>TryGetDouble</c>/<c>TryGetInt64</c> give, bit for bit, and leave every number it does not take to them.
/// </summary>
public sealed class JsonShortNumberTests
{
    [Theory]
    [InlineData("0.87")]
    [InlineData("2")]
    [InlineData("-12.5")]
    [InlineData("0.1")]
    [InlineData("0.3")]
    [InlineData("123456789012345")]
    [InlineData("0.00000000000001")]
    [InlineData("900719925474.099")]
    [InlineData("-0.000001")]
    public void Short_decimals_are_the_nearest_double(string number)
    {
        Assert.True(JsonShortNumber.TryParseDouble(Encoding.UTF8.GetBytes(number), out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(ReaderDouble(number)), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.0")]
    [InlineData("-0.000")]
    [InlineData("1e5")]
    [InlineData("1.5E-3")]
    [InlineData("1234567890123456")]
    [InlineData("0.1234567890123456")]
    [InlineData("12345678901234567890")]
    public void Other_numbers_are_left_to_the_general_parser(string number) =>
        Assert.False(JsonShortNumber.TryParseDouble(Encoding.UTF8.GetBytes(number), out _));

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("7", 7L)]
    [InlineData("-42", -42L)]
    [InlineData("999999999999999999", 999_999_999_999_999_999L)]
    [InlineData("-999999999999999999", -999_999_999_999_999_999L)]
    public void Short_whole_numbers_are_read(string number, long expected)
    {
        Assert.True(JsonShortNumber.TryParseInt64(Encoding.UTF8.GetBytes(number), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("99999999999999999999")]
    public void Other_whole_numbers_are_left_to_the_general_parser(string number) =>
        Assert.False(JsonShortNumber.TryParseInt64(Encoding.UTF8.GetBytes(number), out _));

    [Fact]
    public void Random_decimals_read_as_the_reader_reads_them()
    {
        // Every split of up to 17 random digits into whole and fraction, with both signs: the strict reader's Double
        // (which takes the short path when it can) must agree with TryGetDouble on every one, taken or not.
        var random = new Random(4321);
        var taken = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var digits = new StringBuilder();
            var count = 1 + random.Next(17);
            for (var d = 0; d < count; d++) digits.Append((char)('0' + random.Next(10)));
            var text = digits.ToString().TrimStart('0');
            if (text.Length == 0) text = "0";
            var split = random.Next(text.Length + 1);
            var number = (random.Next(2) == 0 ? "-" : "") + (split == 0 ? "0" : text.Substring(0, split)) + (split < text.Length ? "." + text.Substring(split) : "");

            Assert.True(JsonText.TryRead<double>(number, JsonRead.Double, out var value), number);
            Assert.True(BitConverter.DoubleToInt64Bits(ReaderDouble(number)) == BitConverter.DoubleToInt64Bits(value), number);
            if (JsonShortNumber.TryParseDouble(Encoding.UTF8.GetBytes(number), out _)) taken++;
        }

        // Both paths were exercised.
        Assert.InRange(taken, 10_000, 45_000);
    }

    [Fact]
    public void Random_whole_numbers_read_as_the_reader_reads_them()
    {
        var random = new Random(8765);
        for (var i = 0; i < 20_000; i++)
        {
            var magnitude = (long)(random.NextDouble() * Math.Pow(10, random.Next(20)));
            var number = (random.Next(2) == 0 ? -magnitude : magnitude).ToString(CultureInfo.InvariantCulture);
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(number));
            reader.Read();
            var expected = reader.TryGetInt64(out var general);

            Assert.Equal(expected, JsonText.TryRead<long>(number, JsonRead.Int64, out var value));
            if (expected) Assert.Equal(general, value);
        }
    }

    private static double ReaderDouble(string number)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(number));
        reader.Read();
        Assert.True(reader.TryGetDouble(out var value));
        return value;
    }
}
