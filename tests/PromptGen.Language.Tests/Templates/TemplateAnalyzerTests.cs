using System.Collections.Generic;
using System.Linq;
using PromptGen.Language.Semantics;
using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;

namespace PromptGen.Language.Tests.Templates;

public class TemplateAnalyzerTests
{
    private static IReadOnlyList<PromptGen.Language.Diagnostics.PromptDiagnostic> Analyze(string template, Dictionary<string, string>? partials = null)
    {
        var parsed = TemplateParser.Parse(template);
        Assert.Empty(parsed.Diagnostics);
        return TemplateAnalyzer.Analyze(parsed.Template, partials is null ? null : PartialCatalog.FromTexts(partials));
    }

    [Theory]
    [InlineData("Hi {{#iff x}}y{{/iff}}", "PG0202", 1, 7, "Did you mean 'if'")]
    [InlineData("{{foo bar}}", "PG0202", 1, 3, "Unknown helper 'foo'")]
    [InlineData("\n{{x (jsn y)}}", "PG0202", 2, 6, "'json'")]
    [InlineData("{{#role \"system\"}}x{{/role}}", "PG0205", 1, 1, "not a block")]
    [InlineData("{{role \"System\"}}", "PG0205", 1, 8, "Invalid role name")]
    [InlineData("{{role \"assistant\"}}", "PG0205", 1, 8, "'model'")]
    [InlineData("{{history x}}", "PG0205", 1, 1, "no arguments")]
    [InlineData("{{media contentType=\"image/png\"}}", "PG0208", 1, 1, "needs a url")]
    [InlineData("{{json x ident=2}}", "PG0208", 1, 10, "'indent'")]
    [InlineData("{{if x}}", "PG0208", 1, 1, "must be used as a block")]
    [InlineData("{{#each}}x{{/each}}", "PG0208", 1, 1, "exactly one")]
    [InlineData("{{#ifEquals a}}x{{/ifEquals}}", "PG0208", 1, 1, "two values")]
    [InlineData("{{> missing}}", "PG0206", 1, 5, "not found")]
    [InlineData("Look:\n{{media url=photo}}", "PG0210", 2, 1, "known only at run time")]
    [InlineData("{{media url=\"https://example.com/render?id=3\"}}", "PG0210", 1, 1, "known file extension (.png, .jpg")]
    [InlineData("{{media url=\"data:;base64,AAAA\"}}", "PG0210", 1, 1, "names no media type")]
    [InlineData("{{media url=photo contentType=\"png\"}}", "PG0208", 1, 31, "contentType=\"image/png\"")]
    [InlineData("{{media url=photo contentType=\"image/png; q=1\"}}", "PG0208", 1, 31, "not a media type")]
    [InlineData("{{media url=\"cat.png\"}}", "PG0208", 1, 13, "neither an absolute URL")]
    // A repeated key: the last one wins, as when the template renders.
    [InlineData("{{media url=\"https://example.com/cat.png\" url=\"cat.png\"}}", "PG0208", 1, 47, "neither an absolute URL")]
    public void ReportsTemplateMistakes(string template, string id, int line, int column, string fragment)
    {
        var diagnostic = Assert.Single(Analyze(template, new Dictionary<string, string>()), d => d.Message.Contains(fragment));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
    }

    [Theory]
    [InlineData("{{#foo}}section{{/foo}}{{foo}}{{#each xs as |x|}}{{x}}{{/each}}")]
    [InlineData("{{role \"system\"}}{{history}}{{media url=u contentType=t}}{{section \"out\"}}{{json x indent=2}}{{#if a includeZero=true}}{{/if}}")]
    [InlineData("{{media url=\"https://example.com/cat.JPG?size=2#top\"}}{{media url=\"data:image/png;base64,AAAA\"}}{{media url=\"gs://bucket/a.pdf\"}}")]
    [InlineData("{{media url=photo contentType=\"image/png\"}}{{media url=\"https://example.com/render\" contentType=\"image/webp;q=1\"}}")]
    [InlineData("{{#ifEquals a b}}x{{/ifEquals}}{{lookup a \"k\"}}{{log x}}{{role r}}")]
    public void AcceptsValidTemplates(string template) => Assert.Empty(Analyze(template));

    [Fact]
    public void FindsPartialCyclesThroughNestedPartials()
    {
        var partials = new Dictionary<string, string> { ["a"] = "A{{> b}}", ["b"] = "B{{> a}}" };
        var diagnostic = Assert.Single(Analyze("x\n  {{> a}}", partials));
        Assert.Equal("PG0207", diagnostic.Id);
        Assert.Equal((2, 3), (diagnostic.Line, diagnostic.Column));
        Assert.Contains("a -> b -> a", diagnostic.Message);
    }

    [Fact]
    public void ConditionalRecursionIsNotACycle()
    {
        var partials = new Dictionary<string, string> { ["tree"] = "{{name}}{{#each children}}{{> tree}}{{/each}}" };
        Assert.Empty(Analyze("{{> tree root}}", partials));
    }

    [Fact]
    public void ReportsProblemsInsidePartials()
    {
        var partials = new Dictionary<string, string> { ["p"] = "{{#iff x}}{{/iff}}" };
        Assert.Contains(Analyze("{{> p}}", partials), d => d.Id == "PG0202");
    }
}
