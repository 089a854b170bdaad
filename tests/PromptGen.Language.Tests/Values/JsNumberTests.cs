using PromptGen.Language.Values;

namespace PromptGen.Language.Tests.Values;

public class JsNumberTests
{
    // Expected strings are what JavaScript's Number.prototype.toString prints for the same double.
    [Theory]
    [InlineData(0d, "0")]
    [InlineData(1d, "1")]
    [InlineData(-42d, "-42")]
    [InlineData(1.5d, "1.5")]
    [InlineData(0.1d + 0.2d, "0.30000000000000004")]
    [InlineData(123456789012d, "123456789012")]
    [InlineData(1e20d, "100000000000000000000")]
    [InlineData(1e21d, "1e+21")]
    [InlineData(1.5e21d, "1.5e+21")]
    [InlineData(0.000001d, "0.000001")]
    [InlineData(0.0000001d, "1e-7")]
    [InlineData(1.23e-7d, "1.23e-7")]
    [InlineData(5e-324d, "5e-324")]
    [InlineData(1.7976931348623157e308d, "1.7976931348623157e+308")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(100d, "100")]
    [InlineData(0.5d, "0.5")]
    [InlineData(3.14159d, "3.14159")]
    public void Formats_like_javascript(double value, string expected)
    {
        Assert.Equal(expected, JsNumber.ToString(value));
    }

    [Fact]
    public void Negative_zero_prints_as_zero()
    {
        Assert.Equal("0", JsNumber.ToString(-0d));
    }
}
