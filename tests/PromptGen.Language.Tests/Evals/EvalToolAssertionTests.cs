using System.Linq;
using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.Language.Tests.Evals;

/// <summary>The tool assertions in eval files: how they are read, and PG0607 for a tool the prompt does not declare.</summary>
public sealed class EvalToolAssertionTests
{
    private const string OrderPrompt = """
        ---
        tools: [lookupOrder, shippingDays]
        input:
          schema:
            question: string
        ---
        {{question}}
        """;

    private static readonly PromptContext s_prompt = PromptContext.From(PromptCompiler.Compile("Prompts/OrderQuestion.prompt", OrderPrompt));

    [Fact]
    public void The_context_lists_the_declared_tools_in_order()
    {
        Assert.Equal(new[] { "lookupOrder", "shippingDays" }, s_prompt.Tools);
    }

    [Fact]
    public void Tool_assertions_are_read_with_name_arguments_and_limit()
    {
        var file = Parse("""
            cases:
              - id: a
                input: { question: "Where is A-1182?" }
                assert:
                  - tool-called: lookupOrder
                  - tool-called: { name: lookupOrder, arguments: { orderId: A-1182 } }
                  - tool-not-called: shippingDays
                  - max-tool-calls: 2
            """);

        Assert.Empty(file.Diagnostics);
        var assertions = file.Cases.Single().Assert;
        Assert.Equal(EvalAssertionKind.ToolCalled, assertions[0].Kind);
        Assert.Equal("lookupOrder", assertions[0].ToolName);
        Assert.Null(assertions[0].Expected);
        Assert.Equal("{\"orderId\":\"A-1182\"}", PromptJson.Serialize(assertions[1].Expected!));
        Assert.Equal("tool lookupOrder called with {\"orderId\":\"A-1182\"}", assertions[1].Description);
        Assert.Equal(EvalAssertionKind.ToolNotCalled, assertions[2].Kind);
        Assert.Equal("shippingDays", assertions[2].ToolName);
        Assert.Equal(EvalAssertionKind.MaxToolCalls, assertions[3].Kind);
        Assert.Equal(2, assertions[3].Maximum);
        Assert.Empty(EvalChecker.Check(file, s_prompt));
    }

    [Fact]
    public void A_tool_the_prompt_does_not_declare_is_PG0607_at_the_name()
    {
        var diagnostics = Check("""
            cases:
              - id: a
                input: { question: "Where is A-1182?" }
                assert:
                  - tool-called: lookupOrdr
                  - tool-not-called: { name: refundOrder }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.StartsWith("X.eval.yaml(5,22): error PG0607: 'tool-called' names the tool 'lookupOrdr', which the prompt does not declare under 'tools:'; OrderQuestion.prompt declares lookupOrder, shippingDays", diagnostics[0]);
        Assert.Contains("did you mean 'lookupOrder'", diagnostics[0], System.StringComparison.OrdinalIgnoreCase);
        // tool-not-called takes a name only.
        Assert.StartsWith("X.eval.yaml(6,26): error PG0504", diagnostics[1]);
    }

    [Fact]
    public void A_prompt_without_tools_says_so()
    {
        var prompt = PromptContext.From(PromptCompiler.Compile("Prompts/Plain.prompt", "---\ninput:\n  schema:\n    q: string\n---\n{{q}}"));
        var diagnostics = EvalChecker.Check(Parse("cases:\n  - id: a\n    input: { q: x }\n    assert:\n      - tool-not-called: lookupOrder\n"), prompt);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("PG0607", diagnostic.Id);
        Assert.Contains("Plain.prompt declares no tools", diagnostic.Message);
    }

    [Theory]
    [InlineData("      - max-tool-calls: -1", "'max-tool-calls' needs a whole number")]
    [InlineData("      - max-tool-calls: two", "'max-tool-calls' needs a whole number")]
    [InlineData("      - tool-called: { name: lookupOrder, args: { orderId: 1 } }", "Unknown key 'args' in 'tool-called'")]
    [InlineData("      - tool-called: { arguments: { orderId: 1 } }", "'tool-called' needs a 'name'")]
    [InlineData("      - tool-called: { name: lookupOrder, arguments: [1] }", "'arguments' is a mapping")]
    [InlineData("      - { path: status, tool-called: lookupOrder }", "takes no 'path'")]
    public void Malformed_tool_assertions_are_PG0504(string line, string message)
    {
        var diagnostics = Check("cases:\n  - id: a\n    input: { question: q }\n    assert:\n" + line + "\n");

        var diagnostic = Assert.Single(diagnostics);
        Assert.Contains("PG0504", diagnostic);
        Assert.Contains(message, diagnostic);
    }

    private static EvalFile Parse(string text) => EvalFileParser.Parse("X.eval.yaml", text);

    private static string[] Check(string text) => EvalChecker.Check(Parse(text), s_prompt).Select(d => d.ToMSBuildString()).ToArray();
}
