using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using PromptGen.Language.Rendering;
using PromptGen.Language.Schemas;
using PromptGen.Language.Templates;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Tests.Text;

/// <summary>
/// Rules that were regular expressions are now scanned by hand (no Regex is built in the compiler): each must accept
/// exactly what its expression accepted, including a regular expression's <c>$</c> before a final line feed.
/// The expressions are the oracle, run over many short strings of the characters that matter.
/// </summary>
public class HandWrittenMatcherTests
{
    private const int Samples = 200_000;

    [Fact]
    public void CoreSchemaNumbersMatchTheYamlCoreSchemaExpressions()
    {
        var decimalInteger = new Regex(@"^[-+]?[0-9]+$");
        var octal = new Regex(@"^0o[0-7]+$");
        var hex = new Regex(@"^0x[0-9a-fA-F]+$");
        var number = new Regex(@"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$");
        var infinity = new Regex(@"^[-+]?\.(?:inf|Inf|INF)$");
        var notANumber = new Regex(@"^\.(?:nan|NaN|NAN)$");
        foreach (var text in Strings("0123456789+-.eExoabfAFinINaN \n", 8, ".inf", "-.Inf", ".NaN", "0x1F", "0o17", "1e5", "1.", ".5", "12\n"))
        {
            if (text.Length == 0 || !(text[0] is '-' or '+' or '.' || char.IsDigit(text[0]))) continue;
            var expected =
                decimalInteger.IsMatch(text) || number.IsMatch(text) || octal.IsMatch(text) || hex.IsMatch(text) ||
                infinity.IsMatch(text) || notANumber.IsMatch(text);
            var actual = YamlCoreSchema.ResolvePlain(text).Kind == PromptValueKind.Number;
            Assert.True(expected == actual, $"'{Escape(text)}': expected {(expected ? "a number" : "a string")}");
        }
    }

    [Theory]
    [InlineData("12\n", 12.0)]
    [InlineData("0x1F", 31.0)]
    [InlineData("0o17", 15.0)]
    [InlineData("-.Inf", double.NegativeInfinity)]
    [InlineData("+.INF", double.PositiveInfinity)]
    [InlineData(".nan", double.NaN)]
    [InlineData("1.", 1.0)]
    [InlineData("-1.5e3", -1500.0)]
    public void CoreSchemaNumbersKeepTheirValues(string text, double expected) =>
        Assert.Equal(expected, YamlCoreSchema.ResolvePlain(text).AsNumber);

    [Fact]
    public void PicoschemaDescriptionsSplitAsTheReferenceExpressionDoes()
    {
        var expression = new Regex("([^\n\r\u2028\u2029]*?), *([^\n\r\u2028\u2029]*)\\z");
        foreach (var text in Strings("ab, \n\r\u2028\u2029", 9, "string, a name", "x,", "a,\nb, c", "a, b\n"))
        {
            var match = expression.Match(text);
            var expectedType = text.IndexOf(',') >= 0 && match.Success ? match.Groups[1].Value : text;
            var expectedDescription = text.IndexOf(',') >= 0 && match.Success && match.Groups[2].Value.Length > 0 ? match.Groups[2].Value : null;
            PicoschemaText.ExtractDescription(text, out var type, out var description);
            Assert.True(expectedType == type && expectedDescription == description, $"'{Escape(text)}': ({type}, {description})");
        }
    }

    [Fact]
    public void RoleNamesAreLowercaseLettersAsTheExpressionSays()
    {
        var expression = new Regex("^[a-z]+$");
        foreach (var text in Strings("azAZ1 \n", 5, "user", "user\n", "User"))
        {
            Assert.True(expression.IsMatch(text) == DotpromptHelpers.IsRoleName(text), $"'{Escape(text)}'");
        }
    }

    [Fact]
    public void ScopedPathsAreThoseHandlebarsScopedIdMatches()
    {
        var expression = new Regex(@"^\.|this\b");
        foreach (var text in Strings("this._a1 /-é\u0301\u200D\n", 9, "this", "this.name", "thisx", "athis", "../x", "this\u0301"))
        {
            var path = new PathExpression(default, false, 0, Array.Empty<string>(), text);
            Assert.True(expression.IsMatch(text) == path.IsScoped, $"'{Escape(text)}'");
        }
    }

    /// <summary>The given strings, then random ones of up to <paramref name="maxLength"/> characters (some starting with a given one).</summary>
    private static IEnumerable<string> Strings(string alphabet, int maxLength, params string[] seeds)
    {
        foreach (var seed in seeds) yield return seed;
        var random = new Random(12345);
        for (var i = 0; i < Samples; i++)
        {
            var chars = new char[random.Next(0, maxLength + 1)];
            for (var j = 0; j < chars.Length; j++) chars[j] = alphabet[random.Next(alphabet.Length)];
            var text = new string(chars);
            yield return random.Next(4) == 0 ? seeds[random.Next(seeds.Length)] + text : text;
        }
    }

    private static string Escape(string text) => Regex.Escape(text);
}
