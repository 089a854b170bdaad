using System;
using System.Linq;
using PromptGen.Cli.Cases;
using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.Cli.Tests;

/// <summary>
/// <c>cases import</c> without its files: <see cref="CaseImport.Plan"/> on eval file texts the <c>capture</c> fuzz
/// target found, each of which made the import refuse (or, before the read-back check, write a broken file).
/// </summary>
public sealed class CaseImportPlanTests
{
    private const string EvalPath = "Classify.eval.yaml";

    private static readonly PromptSemantics Prompt = PromptCompiler.Compile("Classify.prompt", """
        ---
        input:
          schema:
            ticket: string
        output:
          schema:
            category(enum): [billing, technical, other]
            urgent: boolean
            summary: string
        ---
        Classify {{ticket}}.
        """);

    [Fact]
    public void Lines_ending_in_a_lone_carriage_return_keep_their_endings_and_their_cases_key()
    {
        // YAML ends a line at a lone \r too: the key was not found on "cases:\r", and a second 'cases' was appended.
        var text = "# old line endings\rcases:\r  - id: a\r    input: { ticket: x }\r    assert:\r      - parse-clean\rgate: { min-pass-rate: 1 }\r";

        var plan = Plan(text, Call("Where is my parcel?", category: "other"));

        Assert.StartsWith(text.Substring(0, text.IndexOf("gate:", StringComparison.Ordinal)), plan.NewText, StringComparison.Ordinal);
        Assert.EndsWith("\rgate: { min-pass-rate: 1 }\r", plan.NewText, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', plan.NewText!);
        Assert.Equal(new[] { "a", "captured-c0ffee00" }, EvalFileParser.Parse(EvalPath, plan.NewText!).Cases.Select(c => c.Id));
    }

    [Fact]
    public void A_value_the_schema_no_longer_allows_is_not_pinned()
    {
        // The enum member was renamed after the call was captured: `equals: "bulling"` would be PG0503 in the eval file.
        var plan = Plan("cases:\n", Call("Refund please", category: "bulling"));

        Assert.Contains("{ path: \"category\", exists: true }", plan.NewText, StringComparison.Ordinal);
        Assert.Contains("{ path: \"urgent\", equals: true }", plan.NewText, StringComparison.Ordinal);
        Assert.Empty(EvalChecker.Check(EvalFileParser.Parse(EvalPath, plan.NewText!), PromptContext.From(Prompt)));
    }

    private static CaseImportPlan Plan(string evalText, CapturedCall call)
    {
        var plan = CaseImport.Plan(EvalPath, evalText, new[] { call }, PromptContext.From(Prompt), Prompt.Output, int.MaxValue);
        Assert.Equal(call.CallId, Assert.Single(plan.Imported).Call.CallId);
        Assert.NotNull(plan.NewText);
        return plan;
    }

    private static CapturedCall Call(string ticket, string category) => new(
        "calls.jsonl",
        1,
        "c0ffee00",
        "Classify",
        "v1",
        true,
        PromptJson.Parse($$"""{ "ticket": {{PromptJson.Serialize(PromptValue.String(ticket))}} }"""),
        "{}",
        PromptJson.Parse($$"""{ "category": "{{category}}", "urgent": true, "summary": "s" }"""),
        "test-model",
        null,
        null,
        null,
        string.Empty);
}
