using System;
using System.Text;
using System.Text.RegularExpressions;
using PromptGen.Language.Documents;

namespace PromptGen.Language.Tests.Documents;

public class FrontmatterExtractorTests
{
    // The reference runtime's expression, with JavaScript's \s spelled out and $ as end of input.
    private const string JsSpace = "[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]";
    private static readonly Regex s_reference = new(
        "^---" + JsSpace + "*(?:\\r\\n|\\r|\\n)([\\s\\S]*?)(?:\\r\\n|\\r|\\n)---" + JsSpace + "*(?:\\r\\n|\\r|\\n)([\\s\\S]*)\\z",
        RegexOptions.CultureInvariant);

    [Theory]
    [InlineData("---\nname: x\n---\nHello", "name: x", "Hello")]
    [InlineData("---\r\nname: x\r\n---\r\nHello", "name: x", "Hello")]
    [InlineData("---   \n\n\nname: x\n---  \n\nbody", "name: x", "body")]
    [InlineData("---\n\n---\nbody", "", "body")]
    [InlineData("---\r\n---\nbody", "", "body")]
    [InlineData("---\n---\nfoo\n---\nbar", "---\nfoo", "bar")]
    [InlineData("---\na: 1\n---\n", "a: 1", "")]
    public void SplitsLikeTheReference(string text, string frontmatter, string body)
    {
        var match = FrontmatterExtractor.Match(text);
        Assert.True(match.Success);
        Assert.Equal(frontmatter, text.Substring(match.FrontmatterStart, match.FrontmatterLength));
        Assert.Equal(body, text.Substring(match.BodyStart));
    }

    [Theory]
    [InlineData("\uFEFF---\na: 1\n---\nx")]
    [InlineData(" ---\na: 1\n---\nx")]
    [InlineData("---x\na: 1\n---\nx")]
    [InlineData("---\na: 1\n---")]
    [InlineData("---\na: 1\n--- x\nbody")]
    [InlineData("---\n---\nbody")]
    [InlineData("---")]
    [InlineData("")]
    [InlineData("Hello")]
    public void DoesNotMatchWhereTheReferenceDoesNot(string text)
    {
        Assert.False(FrontmatterExtractor.Match(text).Success);
        Assert.DoesNotMatch(s_reference, text);
    }

    [Fact]
    public void AgreesWithTheReferenceExpressionOnRandomInputs()
    {
        var random = new Random(12345);
        var pieces = new[] { "---", "-", "\n", "\r", "\r\n", " ", "\t", "a", ": ", "\u00a0" };
        for (var i = 0; i < 20_000; i++)
        {
            var builder = new StringBuilder();
            if (random.Next(4) > 0) builder.Append("---");
            var count = random.Next(12);
            for (var j = 0; j < count; j++) builder.Append(pieces[random.Next(pieces.Length)]);
            var text = builder.ToString();

            var expected = s_reference.Match(text);
            var actual = FrontmatterExtractor.Match(text);
            Assert.True(expected.Success == actual.Success, $"match differs for {Escape(text)}");
            if (!expected.Success) continue;
            Assert.True(expected.Groups[1].Index == actual.FrontmatterStart && expected.Groups[1].Length == actual.FrontmatterLength, $"frontmatter differs for {Escape(text)}");
            Assert.True(expected.Groups[2].Index == actual.BodyStart, $"body differs for {Escape(text)}");
        }
    }

    [Fact]
    public void IsLinearOnHugeInput()
    {
        var text = "---\n" + new string('a', 3_000_000) + "\n" + new string('\n', 1_000_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(FrontmatterExtractor.Match(text).Success);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    private static string Escape(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
}
