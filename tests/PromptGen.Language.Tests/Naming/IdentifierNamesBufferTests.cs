using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PromptGen.Language.Naming;
using PromptGen.Language.Semantics;

namespace PromptGen.Language.Tests.Naming;

/// <summary>
/// The name conversions and the prompt version are written without throwaway builders; these compare them with the
/// straightforward versions they replaced, kept here as the oracle, over many generated strings.
/// </summary>
public class IdentifierNamesBufferTests
{
    private const int Samples = 100_000;

    // Separators, identifier characters of several categories, digits, upper-case runs and characters that are not
    // allowed in an identifier (so every branch of the conversion is reached).
    private const string Alphabet = "aAbBzZ09_-. $#éÉ\u0301\u2160\u00AD\u203F\u0903xyXY";

    [Fact]
    public void ConversionsMatchTheBuilderVersion()
    {
        var random = new Random(20261207);
        var chars = new char[12];
        for (var sample = 0; sample < Samples; sample++)
        {
            var length = random.Next(0, chars.Length + 1);
            for (var i = 0; i < length; i++) chars[i] = Alphabet[random.Next(Alphabet.Length)];
            var name = new string(chars, 0, length);
            foreach (var upperFirst in new[] { true, false })
            {
                var expected = Reference(name, upperFirst, out var expectedAdjusted);
                var actual = upperFirst ? IdentifierNames.ToPascalCase(name, out var adjusted) : IdentifierNames.ToCamelCase(name, out adjusted);
                Assert.True(expected == actual && expectedAdjusted == adjusted,
                    $"'{name}' ({(upperFirst ? "Pascal" : "camel")}): expected '{expected}' ({expectedAdjusted}), got '{actual}' ({adjusted})");
            }
        }
    }

    [Fact]
    public void LongNamesAfterShortOnesConvertWhole()
    {
        Assert.Equal("Ab", IdentifierNames.ToPascalCase("ab"));
        var longName = string.Join("_", new string('x', 300), new string('y', 300));
        Assert.Equal("X" + new string('x', 299) + "Y" + new string('y', 299), IdentifierNames.ToPascalCase(longName));
        Assert.Equal("orderId", IdentifierNames.ToCamelCase("order_id"));
    }

    [Fact]
    public void PromptVersionMatchesTheHashOfTheNormalizedText()
    {
        var random = new Random(7);
        foreach (var length in new[] { 0, 1, 100, 4095, 4096, 4097, 20_000, 50, 9_000 })
        {
            var pieces = new[] { "a", "b", "\n", "\r", "\u00e9", "\u4e2d", "\U0001F600" };
            var builder = new StringBuilder();
            for (var i = 0; i < length; i++) builder.Append(pieces[random.Next(pieces.Length)]);
            var text = builder.ToString();
            Assert.Equal(ReferenceVersion(text), PromptVersion.Compute(text));

            // Without carriage returns of its own, the text read with CRLF line endings and a BOM has the same version.
            var lines = text.Replace("\r", "");
            Assert.Equal(ReferenceVersion(lines), PromptVersion.Compute("\uFEFF" + lines.Replace("\n", "\r\n")));
        }
    }

    private static string ReferenceVersion(string text)
    {
        var normalized = text.Replace("\r\n", "\n");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(normalized));
        return Convert.ToHexString(hash, 0, PromptVersion.Length / 2).ToLowerInvariant();
    }

    private static string Reference(string name, bool upperFirst, out bool adjusted)
    {
        adjusted = false;
        var builder = new StringBuilder(name.Length);
        var startOfWord = true;
        foreach (var c in name)
        {
            if (IsIdentifierPart(c) && c != '_')
            {
                if (builder.Length == 0) builder.Append(upperFirst ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
                else builder.Append(startOfWord ? char.ToUpperInvariant(c) : c);
                startOfWord = false;
            }
            else
            {
                if (c is not ('_' or '-' or '.' or ' ')) adjusted = true;
                startOfWord = true;
            }
        }

        if (builder.Length == 0)
        {
            adjusted = true;
            return upperFirst ? "Value" : "value";
        }

        if (!IsIdentifierStart(builder[0]))
        {
            adjusted = true;
            builder.Insert(0, '_');
        }

        if (!upperFirst)
        {
            for (var i = 1; i < builder.Length && char.IsUpper(builder[i]); i++)
            {
                if (i + 1 < builder.Length && char.IsLower(builder[i + 1])) break;
                builder[i] = char.ToLowerInvariant(builder[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsIdentifierStart(char c) =>
        c == '_' || char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.LetterNumber;

    private static bool IsIdentifierPart(char c) =>
        c == '_' || char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
            UnicodeCategory.LetterNumber or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.Format;
}
