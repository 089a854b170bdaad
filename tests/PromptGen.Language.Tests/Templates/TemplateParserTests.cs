using System.Linq;
using System.Text;
using PromptGen.Language.Templates;

namespace PromptGen.Language.Tests.Templates;

public class TemplateParserTests
{
    [Fact]
    public void SpansArePositionsInTheFile()
    {
        const string file = "---\nmodel: x\n---\nHello {{name}}!\n{{#if a}}\n  {{b.c}}\n{{/if}}";
        var start = file.IndexOf("Hello", System.StringComparison.Ordinal);
        var result = TemplateParser.Parse(new TemplateSource("p.prompt", file, start, file.Length - start));
        Assert.Empty(result.Diagnostics);
        var mustache = Assert.IsType<MustacheStatement>(result.Template.Statements[1]);
        Assert.Equal((4, 7), (mustache.Span.StartLine, mustache.Span.StartColumn));
        Assert.Equal("name", mustache.Path.Original);
        var block = result.Template.Statements.OfType<BlockStatement>().Single();
        Assert.Equal((5, 1), (block.Span.StartLine, block.Span.StartColumn));
        Assert.Equal((7, 8), (block.Span.EndLine, block.Span.EndColumn));
        var inner = block.Program!.Statements.OfType<MustacheStatement>().Single();
        var path = Assert.IsType<PathExpression>(inner.Path);
        Assert.Equal(new[] { "b", "c" }, path.Parts);
        Assert.Equal((6, 5), (path.Span.StartLine, path.Span.StartColumn));
    }

    [Fact]
    public void FindsTheInnermostBlockParameterAPathStartsWith()
    {
        var result = TemplateParser.Parse("{{#each a as |item|}}{{item.name}}{{other}}{{/each}}{{item}}");
        Assert.Empty(result.Diagnostics);
        var block = (BlockStatement)result.Template.Statements[0];
        var inside = block.Program!.Statements.Cast<MustacheStatement>().Select(m => (PathExpression)m.Path).ToList();
        var outside = (PathExpression)((MustacheStatement)result.Template.Statements[1]).Path;
        var inScope = new[] { ("item", "inner"), ("other", "unused"), ("item", "outer") };

        Assert.True(inside[0].TryFindBlockParameter(inScope, out var found));
        Assert.Equal("inner", found);
        Assert.False(inside[1].TryFindBlockParameter(inScope, out _)); // a field of the context, not declared by 'as'
        Assert.False(outside.TryFindBlockParameter(inScope, out _)); // 'item' is out of the block's scope
    }

    [Fact]
    public void ParsesTheWholeExpressionLanguage()
    {
        var result = TemplateParser.Parse("{{#each (lookup a 'k') as |x i|}}{{x.[weird key]}}{{@../index}}{{../up}}{{this}}{{./y}}{{a/b}}{{f 1 -2.5 true null undefined \"s\" k=(g v)}}{{/each}}{{> part ctx n=1}}{{!c}}{{!-- }} --}}");
        Assert.Empty(result.Diagnostics);
        var block = (BlockStatement)result.Template.Statements[0];
        Assert.Equal(new[] { "x", "i" }, block.BlockParams);
        Assert.IsType<SubExpression>(block.Params[0]);
        var body = block.Program!.Statements.Cast<MustacheStatement>().ToList();
        Assert.Equal(new[] { "x", "weird key" }, ((PathExpression)body[0].Path).Parts);
        var data = (PathExpression)body[1].Path;
        Assert.True(data.IsData);
        Assert.Equal(1, data.Depth);
        Assert.Equal(1, ((PathExpression)body[2].Path).Depth);
        Assert.Empty(((PathExpression)body[3].Path).Parts);
        var call = body[6];
        Assert.Equal(6, call.Params.Count);
        Assert.IsType<NumberLiteral>(call.Params[1]);
        Assert.Equal(-2.5, ((NumberLiteral)call.Params[1]).Value);
        Assert.IsType<SubExpression>(call.Hash!.Pairs[0].Value);
        var partial = (PartialStatement)result.Template.Statements[1];
        Assert.Equal("part", partial.StaticName);
        Assert.Single(partial.Params);
        Assert.Equal(" }} ", ((CommentStatement)result.Template.Statements[3]).Value);
    }

    [Fact]
    public void StandaloneLinesAndTildeStripWhitespace()
    {
        var result = TemplateParser.Parse("a\n  {{#if x}}  \nb\n  {{/if}}\nc {{~y~}}  d");
        var contents = Flatten(result.Template.Body);
        Assert.Equal("a\n|b\n|c|d", contents);
    }

    private static string Flatten(TemplateProgram program) => string.Join("|", program.Statements.SelectMany(s => s switch
    {
        ContentStatement c => new[] { c.Value },
        BlockStatement b => new[] { Flatten(b.Program!) },
        _ => new string[0],
    }).Where(v => v.Length > 0));

    [Theory]
    [InlineData("{{#if a}}x{{/each}}", 1, 11, "does not match")]
    [InlineData("line\n{{#if a}}x", 2, 1, "never closed")]
    [InlineData("{{foo}}}", 1, 6, "}}")]
    [InlineData("{{", 1, 1, "never closed")]
    [InlineData("{{#if x", 1, 1, "never closed")]
    [InlineData("a {{!-- b", 1, 3, "never closed")]
    [InlineData("{{{{raw}}}} x", 1, 1, "never closed")]
    [InlineData("{{/if}}", 1, 1, "never opened")]
    [InlineData("{{else}}", 1, 1, "only allowed inside a block")]
    [InlineData("{{foo!}}", 1, 3, "Unexpected")]
    [InlineData("{{arr.0}}", 1, 6, "Expected a name")]
    [InlineData("{{foo/../bar}}", 1, 3, "Invalid path")]
    [InlineData("{{> a b c}}", 1, 9, "at most one context")]
    public void ReportsSyntaxErrorsWhereTheyAre(string template, int line, int column, string fragment)
    {
        var result = TemplateParser.Parse(template);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Message.Contains(fragment));
        Assert.Equal("PG0201", diagnostic.Id);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void CollectsSeveralErrors()
    {
        var result = TemplateParser.Parse("{{#if a}}{{/each}}\n{{foo!}}\n{{/with}}");
        Assert.True(result.Diagnostics.Count >= 3);
        Assert.All(result.Diagnostics, d => Assert.Equal("PG0201", d.Id));
    }

    [Fact]
    public void DeepNestingIsCappedWithoutStackOverflow()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 10_000; i++) builder.Append("{{#if a}}");
        for (var i = 0; i < 10_000; i++) builder.Append("{{/if}}");
        var result = TemplateParser.Parse(builder.ToString());
        Assert.Contains(result.Diagnostics, d => d.Id == "PG0201" && d.Message.Contains("nested more than"));

        var nested = new StringBuilder("{{x ");
        for (var i = 0; i < 10_000; i++) nested.Append("(f ");
        Assert.Contains(TemplateParser.Parse(nested.ToString() + "}}").Diagnostics, d => d.Message.Contains("nested more than"));
    }

    [Fact]
    public void LargeTemplateParses()
    {
        var builder = new StringBuilder();
        while (builder.Length < 5_000_000) builder.Append("Some text {{name}} and {{#if x}}more{{else}}less{{/if}}\n   \n");
        // No time limit here (speed is measured by benchmarks); a quadratic parser would not finish the suite.
        var result = TemplateParser.Parse(builder.ToString());
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void LoneSurrogatesAndNulDoNotCrash()
    {
        var result = TemplateParser.Parse("a\ud800b {{x\udc00}} {{\ud800}}");
        Assert.NotNull(result.Template);
        var nul = TemplateParser.Parse("a\0b{{x}}");
        Assert.Contains(nul.Diagnostics, d => d.Message.Contains("NUL"));
    }

    [Fact]
    public void ElseChainsNestAsBlocks()
    {
        var result = TemplateParser.Parse("{{#if a}}A{{else if b}}B{{else}}C{{/if}}");
        Assert.Empty(result.Diagnostics);
        var block = (BlockStatement)result.Template.Statements[0];
        Assert.True(block.Inverse!.Chained);
        var chained = (BlockStatement)block.Inverse.Statements[0];
        Assert.True(chained.IsChainedElse);
        Assert.Equal("b", chained.Params[0].Original);
    }
}
