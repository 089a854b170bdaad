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
    public void The_cases_end_where_the_YAML_reader_says_not_at_the_first_unindented_line()
    {
        // A flow mapping closed at column 1 is valid YAML; the appender took the `}` line for the next top-level key and
        // put the new case inside the mapping.
        var text = "cases:\n  - id: a\n    input: { ticket: x }\n    assert:\n      - { path: summary, icontains-any: [charged twice, double charge]\n}\n# The gate\ngate: { min-pass-rate: 1 }\n";

        var plan = Plan(text, Call("Where is my parcel?", category: "other"));

        Assert.StartsWith(text.Substring(0, text.IndexOf("# The gate", StringComparison.Ordinal)) + "  # imported from calls.jsonl line 1", plan.NewText, StringComparison.Ordinal);
        Assert.EndsWith("\n# The gate\ngate: { min-pass-rate: 1 }\n", plan.NewText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cases: [ ] # none yet\n", "cases:  # none yet\n  # imported")]
    [InlineData("\"cases\" :\n", "\"cases\" :\n  # imported")]
    [InlineData("gate: { min-pass-rate: 1 }", "gate: { min-pass-rate: 1 }\ncases:\n  # imported")]
    public void Cases_written_empty_quoted_or_missing_get_a_block_below_the_key(string text, string start)
    {
        var plan = Plan(text, Call("Where is my parcel?", category: "other"));

        Assert.StartsWith(start, plan.NewText, StringComparison.Ordinal);
        Assert.Equal("captured-c0ffee00", Assert.Single(EvalFileParser.Parse(EvalPath, plan.NewText!).Cases).Id);
    }

    [Fact]
    public void Cases_written_as_a_flow_sequence_are_refused_with_the_reason_and_no_text()
    {
        var plan = CaseImport.Plan(EvalPath, "cases: [{ id: a, input: { ticket: x }, assert: [schema-valid] }]\n", new[] { Call("x y", "other") }, PromptContext.From(Prompt), Prompt.Output, int.MaxValue);

        Assert.Null(plan.NewText);
        Assert.Empty(plan.Imported);
        Assert.Contains("as a flow sequence", Assert.Single(plan.Refused!), StringComparison.Ordinal);
    }

    [Fact]
    public void New_lines_end_like_the_line_they_follow_so_mixed_endings_lose_no_blank_line()
    {
        // The file's first break is a lone \r, the cases' last line ends in \n and a blank line follows: new lines ending
        // in \r made "\r\n" with that blank line's break, and the blank line was gone.
        var text = "\r# Cases\ncases:\n  - id: a\n    input: { ticket: x }\n    assert:\n      - schema-valid\n\n# The gate\ngate: { min-pass-rate: 1 }\n";

        var plan = Plan(text, Call("Where is my parcel?", category: "other"));

        Assert.DoesNotContain('\r', plan.NewText!.Substring(1));
        Assert.EndsWith("\n\n# The gate\ngate: { min-pass-rate: 1 }\n", plan.NewText, StringComparison.Ordinal);
    }

    [Fact]
    public void Characters_YAML_cannot_hold_in_a_comment_become_spaces()
    {
        var plan = Plan("cases:\n", Call("Where is my parcel?", category: "other") with { Version = "v\ufffe1\u2028x" });

        Assert.Contains("call c0ffee00, prompt version v 1 x\n", plan.NewText, StringComparison.Ordinal);
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
