using System.Linq;
using PromptGen.Evals.Assertions;
using PromptGen.Evals.Recording;
using PromptGen.Language.Evals;

namespace PromptGen.Evals.Tests.Tools;

/// <summary><c>tool-called</c>, <c>tool-not-called</c> and <c>max-tool-calls</c> scored on the calls of a trial.</summary>
public sealed class ToolAssertionScoringTests
{
    private static readonly AssertionSubject s_twoLookups = new()
    {
        OutputJson = "{}",
        ToolCalls = new[]
        {
            new RecordedToolCall("c1", "lookupOrder", """{"orderId":"A-1182","includeLines":true}"""),
            new RecordedToolCall("c2", "lookupOrder", """{"orderId":"B-7","includeLines":false}"""),
        },
    };

    private static EvalAssertion Assertion(string line) =>
        EvalFileParser.Parse("x.eval.yaml", "cases:\n  - id: a\n    assert:\n      - " + line + "\n").Cases.Single().Assert.Single();

    [Theory]
    [InlineData("tool-called: lookupOrder", true)]
    [InlineData("tool-called: { name: lookupOrder, arguments: { orderId: B-7 } }", true)]
    [InlineData("tool-called: { name: lookupOrder, arguments: { orderId: A-1182, includeLines: true } }", true)]
    [InlineData("tool-called: { name: lookupOrder, arguments: { orderId: A-1182, includeLines: false } }", false)]
    [InlineData("tool-called: shippingDays", false)]
    [InlineData("tool-not-called: shippingDays", true)]
    [InlineData("tool-not-called: lookupOrder", false)]
    [InlineData("max-tool-calls: 2", true)]
    [InlineData("max-tool-calls: 1", false)]
    public void Scores_on_every_call_of_the_trial(string line, bool passes)
    {
        var outcome = AssertionScorer.Score(Assertion(line), s_twoLookups);

        Assert.Equal(passes, outcome.Passed);
        Assert.Equal(passes, outcome.Message is null);
    }

    [Fact]
    public void Failures_say_what_the_model_called()
    {
        var wrongArguments = AssertionScorer.Score(Assertion("tool-called: { name: lookupOrder, arguments: { orderId: Z-9 } }"), s_twoLookups);
        var tooMany = AssertionScorer.Score(Assertion("max-tool-calls: 0"), s_twoLookups);
        var none = AssertionScorer.Score(Assertion("tool-called: lookupOrder"), new AssertionSubject { OutputJson = "{}" });

        Assert.Contains("no call of 'lookupOrder' has the arguments {\"orderId\":\"Z-9\"}", wrongArguments.Message);
        Assert.Contains("lookupOrder({\"orderId\":\"B-7\",\"includeLines\":false})", wrongArguments.Message);
        Assert.Equal("expected at most 0 tool calls, the model made 2: lookupOrder({\"orderId\":\"A-1182\",\"includeLines\":true}), lookupOrder({\"orderId\":\"B-7\",\"includeLines\":false})", tooMany.Message);
        Assert.Equal(2, tooMany.Score);
        Assert.Equal("the model called no tool; expected 'lookupOrder'", none.Message);
    }
}
