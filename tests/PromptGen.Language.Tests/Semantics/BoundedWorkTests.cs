using System.Collections.Generic;
using System.Linq;
using PromptGen.Language.Prompts;
using PromptGen.Language.Rendering;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.Language.Tests.Semantics;

/// <summary>Inputs that would make checking or rendering exponential or unbounded get linear work and located errors.</summary>
public sealed class BoundedWorkTests
{
    private const string Prompt = "---\ninput:\n  schema:\n    who: string\n---\n{{who}} {{> p0}}";

    private static Dictionary<string, string> DoublingChain(int length)
    {
        var partials = Enumerable.Range(0, length).ToDictionary(i => "p" + i, i => $"p{i} {{{{> p{i + 1}}}}} {{{{> p{i + 1}}}}}");
        partials["p" + length] = "{{who}}";
        return partials;
    }

    /// <summary>Counts how often the checks look a partial up: a measure of their work that does not depend on the machine.</summary>
    private sealed class CountingResolver : IPartialResolver
    {
        private readonly PartialCatalog _inner;

        public CountingResolver(PartialCatalog inner) => _inner = inner;

        public int Lookups { get; private set; }

        public PartialTemplate? Resolve(string name)
        {
            Lookups++;
            return _inner.Resolve(name);
        }
    }

    [Fact]
    public void Checking_a_doubling_chain_of_40_partials_is_linear()
    {
        var partials = new CountingResolver(PartialCatalog.FromTexts(DoublingChain(40)));

        var prompt = PromptCompiler.Compile("p.prompt", Prompt, partials);

        Assert.False(prompt.HasErrors, string.Join("\n", prompt.Diagnostics));
        // Two includes per partial for the analyzer and the binder each; 2^40 without the memo.
        Assert.True(partials.Lookups < 400, $"{partials.Lookups} partial lookups");
    }

    [Fact]
    public void A_type_error_deep_in_the_chain_is_still_reported_once()
    {
        var chain = DoublingChain(30);
        chain["p30"] = "{{whoo}}";

        var prompt = PromptCompiler.Compile("p.prompt", Prompt, PartialCatalog.FromTexts(chain));

        Assert.Single(prompt.Diagnostics, d => d.Id == "PG0203");
    }

    [Fact]
    public void Rendering_a_doubling_chain_is_a_located_error()
    {
        var error = Assert.Throws<TemplateRenderException>(() => PromptRenderer.Render("p.prompt", Prompt,
            PromptValue.Object(("input", PromptValue.Object(("who", PromptValue.String("Ann"))))),
            environment: new PromptEnvironment { Partials = PartialCatalog.FromTexts(DoublingChain(40)) }));

        Assert.Contains("too large", error.Message);
        Assert.True(error.Span.StartLine >= 1);
    }

    [Fact]
    public void Nested_json_calls_that_double_their_output_are_a_located_error()
    {
        var template = "Data: {{json " + string.Concat(Enumerable.Repeat("(json ", 510)) + "\"x\"" + new string(')', 510) + "}}";

        var error = Assert.Throws<TemplateRenderException>(() => PromptRenderer.Render("p.prompt", template, PromptValue.Object()));

        Assert.Contains("too large", error.Message);
        Assert.Equal((1, 7), (error.Span.StartLine, error.Span.StartColumn));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Ten_thousand_levels_are_a_located_diagnostic(bool subexpressions)
    {
        var template = subexpressions
            ? "{{json " + string.Concat(Enumerable.Repeat("(json ", 10_000)) + "x" + new string(')', 10_000) + "}}"
            : string.Concat(Enumerable.Repeat("{{#if x}}", 10_000)) + "y" + string.Concat(Enumerable.Repeat("{{/if}}", 10_000));

        var prompt = PromptCompiler.Compile("deep.prompt", "---\ninput:\n  schema:\n    x: string\n---\n" + template);

        var diagnostic = Assert.Single(prompt.Diagnostics, d => d.Id == "PG0201" && d.Message.Contains("nested more than 512 levels"));
        Assert.Equal("deep.prompt", diagnostic.Path);
        Assert.Equal(6, diagnostic.Line);
    }
}
