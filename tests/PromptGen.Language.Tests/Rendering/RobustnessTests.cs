using System.Text;
using System.Threading;
using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;
using PromptGen.Language.Values;

namespace PromptGen.Language.Tests.Rendering;

public class RobustnessTests
{
    private static void OnSmallStack(System.Action action)
    {
        System.Exception? error = null;
        var thread = new Thread(() =>
        {
            try { action(); }
            catch (System.Exception e) { error = e; }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        if (error is not null) throw error;
    }

    [Fact]
    public void MaximallyNestedTemplateRendersAndAnalyzesOnAOneMegabyteStack()
    {
        var depth = TemplateParser.MaxNestingDepth - 1;
        var builder = new StringBuilder();
        for (var i = 0; i < depth; i++) builder.Append("{{#with a}}");
        builder.Append("{{x}}");
        for (var i = 0; i < depth; i++) builder.Append("{{/with}}");
        var parsed = TemplateParser.Parse(builder.ToString());
        Assert.Empty(parsed.Diagnostics);
        var input = PromptJson.Parse("{\"x\":1}");
        for (var i = 0; i < depth; i++) input = PromptValue.Object(("a", input), ("x", PromptValue.Number(i)));
        OnSmallStack(() =>
        {
            Assert.Empty(TemplateAnalyzer.Analyze(parsed.Template, null));
            var messages = TemplateRenderer.Render(parsed.Template, new RenderData { Input = input });
            Assert.Equal("1", messages[0].Text);
        });
    }

    [Fact]
    public void TemplatesCutOffByTheDepthCapStillRenderAndAnalyze()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 10_000; i++) builder.Append("{{#if a}}x");
        var parsed = TemplateParser.Parse(builder.ToString());
        Assert.NotEmpty(parsed.Diagnostics);
        OnSmallStack(() =>
        {
            TemplateAnalyzer.Analyze(parsed.Template, null);
            TemplateRenderer.Render(parsed.Template, new RenderData { Input = PromptJson.Parse("{\"a\":true}") });
        });
    }

    [Fact]
    public void LoneSurrogatesRenderUnchanged()
    {
        var parsed = TemplateParser.Parse("\ud800{{\udc00}}\ud800");
        Assert.Empty(parsed.Diagnostics);
        var messages = TemplateRenderer.Render(parsed.Template, new RenderData { Input = PromptValue.Object(("\udc00", PromptValue.String("\udfff"))) });
        Assert.Equal("\ud800\udfff\ud800", messages[0].Text);
    }

    [Theory]
    [InlineData("{{")]
    [InlineData("{{#if x")]
    [InlineData("{{!--")]
    [InlineData("{{{{raw}}}}")]
    [InlineData("{{{{raw}}}} {{{{/other}}}}")]
    [InlineData("}}{{/}}{{else}}{{^}}{{#}}{{>}}{{(}}{{{x}}{{x}}}")]
    [InlineData("{{#each a as |}}{{/each}}{{x y=}}{{x \"unterminated}}")]
    public void MalformedTemplatesNeverThrow(string template)
    {
        var parsed = TemplateParser.Parse(template);
        Assert.NotEmpty(parsed.Diagnostics);
        TemplateAnalyzer.Analyze(parsed.Template, null);
        try
        {
            TemplateRenderer.Render(parsed.Template, new RenderData());
        }
        catch (TemplateRenderException)
        {
            // Acceptable: the same failure the reference runtime would have.
        }
    }
}
