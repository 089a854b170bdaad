using System.Linq;
using PromptGen.Language.Evals;
using PromptGen.Language.Values;

namespace PromptGen.Language.Tests.Evals;

public sealed class EvalFileParserTests
{
    private const string Sample = """
        prompt: TriageTicket.prompt          # optional when the names match
        defaults: { trials: 1, pass-when: all }
        cases:
          - id: double-charge
            input: { ticket: "I was charged twice for order 1182", product: Pro }
            assert:
              - { path: category, equals: billing }
              - { path: summary, icontains-any: [charged twice, double charge] }
              - llm-rubric: "One sentence; invents no order number"
            check:
              - { latency: { max-ms: 4000 } }
            critical: true
        gate: { min-pass-rate: 0.9, tolerance: 0.05, alpha: 0.05 }
        """;

    [Fact]
    public void Reads_the_product_example()
    {
        var file = EvalFileParser.Parse("Prompts/TriageTicket.eval.yaml", Sample);
        Assert.Empty(file.Diagnostics);
        Assert.Equal("TriageTicket.prompt", file.PromptReference);
        Assert.Equal((1, 9), (file.PromptReferenceSpan!.Value.StartLine, file.PromptReferenceSpan.Value.StartColumn));
        Assert.Equal("Prompts/TriageTicket.prompt", file.PromptPath);
        Assert.Equal(1, file.Defaults.Trials);
        Assert.Equal(EvalPassRule.All, file.Defaults.PassWhen);
        Assert.Equal(0.9, file.Gate.MinPassRate);
        Assert.Equal(0.05, file.Gate.Tolerance);
        Assert.Equal(0.05, file.Gate.Alpha);
        Assert.Equal(13, file.Gate.Span!.Value.StartLine);

        var evalCase = Assert.Single(file.Cases);
        Assert.Equal("double-charge", evalCase.Id);
        Assert.Equal((4, 9), (evalCase.IdSpan.StartLine, evalCase.IdSpan.StartColumn));
        Assert.True(evalCase.Critical);
        Assert.Equal("Pro", evalCase.Input["product"]!.AsString);
        Assert.Equal(3, evalCase.Assert.Count);
        Assert.All(evalCase.Assert, a => Assert.True(a.Gating));

        var equals = evalCase.Assert[0];
        Assert.Equal(EvalAssertionKind.Equals, equals.Kind);
        Assert.Equal("category", equals.Path!.Text);
        Assert.Equal(PromptValue.String("billing"), equals.Expected);
        Assert.Equal((7, 9), (equals.Span.StartLine, equals.Span.StartColumn));
        Assert.Equal((7, 27), (equals.KeywordSpan.StartLine, equals.KeywordSpan.StartColumn));
        Assert.Equal("category equals \"billing\"", equals.Description);

        var any = evalCase.Assert[1];
        Assert.Equal(EvalAssertionKind.IContainsAny, any.Kind);
        Assert.Equal(new[] { "charged twice", "double charge" }, any.Strings);

        var rubric = evalCase.Assert[2];
        Assert.Equal(EvalAssertionKind.LlmRubric, rubric.Kind);
        Assert.Equal("One sentence; invents no order number", rubric.Expected!.AsString);
        Assert.Null(rubric.Threshold);

        var latency = Assert.Single(evalCase.Check);
        Assert.False(latency.Gating);
        Assert.Equal(EvalAssertionKind.Latency, latency.Kind);
        Assert.Equal(4000, latency.MaxLatencyMs);
    }

    [Fact]
    public void Defaults_apply_when_the_file_says_nothing()
    {
        var file = Parse("cases:\n  - id: a\n    input: {}\n    assert: [schema-valid]\n");
        Assert.Empty(file.Diagnostics);
        Assert.Null(file.PromptReference);
        Assert.Equal(1.0, file.Gate.MinPassRate);
        Assert.Equal(0.05, file.Gate.Tolerance);
        Assert.Equal(0.05, file.Gate.Alpha);
        Assert.Null(file.Gate.Span);
        Assert.Equal(1, file.Cases[0].EffectiveTrials(file.Defaults));
        Assert.Equal("all", file.Cases[0].EffectivePassWhen(file.Defaults).ToString());
        Assert.Equal("Prompts/X.prompt", file.PromptPath);
    }

    [Theory]
    [InlineData("all", "all")]
    [InlineData("majority", "majority")]
    [InlineData("{ at-least: 2 }", "at-least:2")]
    [InlineData("{ rate: 0.8 }", "rate:0.8")]
    public void Reads_every_pass_when_form(string yaml, string expected)
    {
        var file = Parse($"defaults: {{ trials: 5, pass-when: {yaml} }}\ncases:\n  - id: a\n    assert: [parse-clean]\n");
        Assert.Empty(file.Diagnostics);
        Assert.Equal(5, file.Defaults.Trials);
        Assert.Equal(expected, file.Defaults.PassWhen.ToString());
    }

    [Fact]
    public void A_case_overrides_trials_and_pass_when()
    {
        var file = Parse("cases:\n  - id: a\n    trials: 4\n    pass-when: majority\n    assert: [parse-clean]\n");
        Assert.Empty(file.Diagnostics);
        Assert.Equal(4, file.Cases[0].EffectiveTrials(file.Defaults));
        Assert.Equal(EvalPassRule.Majority, file.Cases[0].EffectivePassWhen(file.Defaults));
    }

    [Theory]
    [InlineData("all", 3, 3, true)]
    [InlineData("all", 2, 3, false)]
    [InlineData("majority", 2, 3, true)]
    [InlineData("majority", 2, 4, false)]
    [InlineData("at-least", 2, 5, true)]
    [InlineData("rate", 4, 5, true)]
    [InlineData("rate", 3, 5, false)]
    public void Pass_rules_count_trials(string kind, int passed, int total, bool satisfied)
    {
        var rule = kind switch
        {
            "all" => EvalPassRule.All,
            "majority" => EvalPassRule.Majority,
            "at-least" => EvalPassRule.AtLeastTrials(2),
            _ => EvalPassRule.AtRate(0.8),
        };
        Assert.Equal(satisfied, rule.IsSatisfied(passed, total));
    }

    [Fact]
    public void Reads_every_assertion_shape()
    {
        var file = Parse("""
            cases:
              - id: shapes
                input: { ticket: x }
                assert:
                  - { equals: "exact text" }
                  - { contains: refund }
                  - { not-contains: sorry }
                  - { icontains: REFUND }
                  - { contains-any: [a, b] }
                  - { contains-all: [a, b] }
                  - { icontains-any: [a, b] }
                  - { not-icontains-all: [a, b] }
                  - { starts-with: Dear }
                  - { regex: '^\d+$' }
                  - { path: category, in: [billing, bug] }
                  - { path: category, not-in: [other] }
                  - { path: confidence, min: 0.7 }
                  - { path: confidence, max: 1 }
                  - { path: confidence, min: 0.2, max: 0.9 }
                  - { path: tags, count: 2 }
                  - { path: tags, count: { min: 1, max: 3 } }
                  - { path: customer.email, exists: true }
                  - { json-subset: { category: billing } }
                  - schema-valid
                  - parse-clean
                  - schema-valid: true
                  - { levenshtein: { value: "Hello", max: 2 } }
                  - { similar: "A refund" }
                  - { similar: { value: "A refund", threshold: 0.9 } }
                  - llm-rubric: { rubric: "Polite", threshold: 0.7 }
                  - { latency: { max-ms: 2500 } }
                  - { tokens: { max-input: 100, max-output: 50, max-total: 150 } }
                  - { cost: { max: 0.01 } }
                  - { path: 'items[0].name', equals: x }
                  - { path: items.0.name, equals: x }
            """);
        Assert.Empty(file.Diagnostics);
        var a = file.Cases[0].Assert;
        Assert.Equal(31, a.Count);
        Assert.Equal(EvalAssertionKind.Contains, a[2].Kind);
        Assert.True(a[2].Negated);
        Assert.Equal("not-contains", a[2].Keyword);
        Assert.Equal("contains", a[2].PositiveKeyword);
        Assert.Equal(EvalAssertionKind.IContainsAll, a[7].Kind);
        Assert.True(a[7].Negated);
        Assert.Equal(EvalAssertionKind.Regex, a[9].Kind);
        Assert.Equal("^\\d+$", a[9].Strings[0]);
        Assert.True(a[11].Negated);
        Assert.Equal(EvalAssertionKind.In, a[11].Kind);
        Assert.Equal((0.7, (double?)null), (a[12].Minimum!.Value, a[12].Maximum));
        Assert.Equal((0.2, 0.9), (a[14].Minimum!.Value, a[14].Maximum!.Value));
        Assert.Equal("min/max", a[14].Keyword);
        Assert.Equal((2.0, 2.0), (a[15].Minimum!.Value, a[15].Maximum!.Value));
        Assert.Equal((1.0, 3.0), (a[16].Minimum!.Value, a[16].Maximum!.Value));
        Assert.Equal(new[] { "customer", "email" }, a[17].Path!.Segments.Select(s => s.Name));
        Assert.Equal(EvalAssertionKind.SchemaValid, a[19].Kind);
        Assert.Equal(EvalAssertionKind.ParseClean, a[20].Kind);
        Assert.Equal(EvalAssertionKind.SchemaValid, a[21].Kind);
        Assert.Equal(2, a[22].MaxDistance);
        Assert.Equal(0.8, a[23].Threshold);
        Assert.Equal(0.9, a[24].Threshold);
        Assert.Equal(0.7, a[25].Threshold);
        Assert.Equal("Polite", a[25].Expected!.AsString);
        Assert.Equal(2500, a[26].MaxLatencyMs);
        Assert.Equal((100L, 50L, 150L), (a[27].MaxInputTokens!.Value, a[27].MaxOutputTokens!.Value, a[27].MaxTotalTokens!.Value));
        Assert.Equal(0.01m, a[28].MaxCost);
        Assert.True(a[29].Path!.Segments[1].IsIndex);
        Assert.False(a[29].Path!.Segments[1].MayBeName);
        Assert.True(a[30].Path!.Segments[1].IsIndex);
        Assert.True(a[30].Path!.Segments[1].MayBeName);
    }

    [Theory]
    // The examples of docs/diagnostics/PG0504.md, at their documented positions.
    [InlineData("      - { path: summary, icontains_any: [charged twice, double charge] }", 6, 26, "Unknown assertion 'icontains_any'. Did you mean 'icontains-any'?")]
    [InlineData("      - llm-rubric:", 6, 9, "'llm-rubric' needs the rubric text, e.g. llm-rubric: \"One sentence; invents no order number\"")]
    [InlineData("      - { path: summary, contains-any: billing }", 6, 40, "'contains-any' needs a non-empty list of strings")]
    [InlineData("      - { path: summary, equals: x, contains: y }", 6, 37, "One entry holds two operators ('equals' and 'contains')")]
    [InlineData("      - { path: summary }", 6, 11, "'path' needs an operator")]
    [InlineData("      - { regex: '(unclosed' }", 6, 18, "'regex' pattern does not compile")]
    [InlineData("      - { path: 'a..b', equals: 1 }", 6, 17, "Malformed path 'a..b'")]
    [InlineData("      - { path: x, latency: { max-ms: 10 } }", 6, 11, "'latency' looks at the whole output or call and takes no 'path'")]
    [InlineData("      - { exists: true }", 6, 11, "'exists' needs a path")]
    [InlineData("      - { path: x, exists: yes }", 6, 28, "'exists' needs true or false")]
    [InlineData("      - { path: x, min: low }", 6, 25, "'min' needs a number")]
    [InlineData("      - { path: x, min: 5, max: 1 }", 6, 25, "'min' (5) is greater than 'max' (1)")]
    [InlineData("      - { path: x, count: -1 }", 6, 27, "'count' cannot be negative")]
    [InlineData("      - { path: x, count: { mni: 1 } }", 6, 29, "Unknown key 'mni' in 'count' (expected min, max). Did you mean 'min'?")]
    [InlineData("      - { levenshtein: { value: abc } }", 6, 24, "'levenshtein' needs 'max'")]
    [InlineData("      - { similar: { value: abc, threshold: 2 } }", 6, 45, "'similar.threshold' needs a cosine similarity")]
    [InlineData("      - { tokens: {} }", 6, 19, "'tokens' needs max-input, max-output or max-total")]
    [InlineData("      - { cost: 5 }", 6, 17, "'cost' needs { max: amount }")]
    [InlineData("      - { latency: 5 }", 6, 20, "'latency' needs { max-ms: N }, not a number, e.g. latency: { max-ms: 4000 }")]
    [InlineData("      - { json-subset: billing }", 6, 24, "'json-subset' needs a mapping")]
    [InlineData("      - schema-valid: false", 6, 23, "Write 'schema-valid: true'")]
    [InlineData("      - equals", 6, 9, "'equals' needs a value, e.g. equals: billing")]
    [InlineData("      - parse-clen", 6, 9, "Unknown assertion 'parse-clen'. Did you mean 'parse-clean'?")]
    [InlineData("      - [a, b]", 6, 9, "An assertion is a mapping")]
    [InlineData("      - {}", 6, 9, "Empty assertion")]
    public void Malformed_assertions_are_PG0504_at_their_place(string assertionLine, int line, int column, string message)
    {
        var text = "cases:\n  - id: double-charge\n    input: { ticket: \"I was charged twice for order 1182\" }\n    assert:\n      - { path: category, equals: billing }\n" + assertionLine + "\n";
        var file = Parse(text);
        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal("PG0504", diagnostic.Id);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
        Assert.StartsWith(message, diagnostic.Message);
        Assert.Single(file.Cases[0].Assert); // the valid one is kept
    }

    [Fact]
    public void Duplicate_and_missing_ids_are_PG0505_as_documented()
    {
        var file = Parse("""
            cases:
              - id: refund-request
                input: { ticket: "Please refund my last invoice" }
                assert:
                  - { path: category, equals: billing }
              - id: refund-request
                input: { ticket: "How do I get a refund for an annual plan?" }
                assert:
                  - { path: category, equals: billing }
              - input: { ticket: "The export button does nothing" }
                assert:
                  - { path: category, equals: bug }
            """);
        Assert.Equal(2, file.Diagnostics.Count);
        Assert.Equal("Prompts/X.eval.yaml(6,9): error PG0505: Duplicate case id 'refund-request' (first used at line 2)", file.Diagnostics[0].ToMSBuildString());
        Assert.Equal("Prompts/X.eval.yaml(10,5): error PG0505: Case has no 'id'; add a short, stable id such as 'export-button'", file.Diagnostics[1].ToMSBuildString());
        Assert.Equal(3, file.Cases.Count);
        Assert.Null(file.Cases[2].Id);
    }

    [Theory]
    [InlineData("cases:\n  - id: [a]\n    assert: [parse-clean]\n", "PG0505", 2, 9, "Case id must be a short, stable text")]
    [InlineData("cases:\n  - id:\n    assert: [parse-clean]\n", "PG0505", 2, 5, "Case id must be a short, stable text")]
    [InlineData("cases:\n  - id: a\n    input: hello\n    assert: [parse-clean]\n", "PG0502", 3, 12, "'input' is a mapping of the prompt's input fields")]
    [InlineData("cases:\n  - id: a\n", "PG0504", 2, 9, "Case 'a' has no assertions")]
    [InlineData("cases:\n  - id: a\n    asert: [parse-clean]\n", "PG0504", 3, 5, "Unknown key 'asert' in case (expected id, description, input, assert, check, critical, trials, pass-when). Did you mean 'assert'?")]
    [InlineData("cases:\n  - id: a\n    critical: yes\n    assert: [parse-clean]\n", "PG0504", 3, 15, "'critical' needs true or false, not \"yes\"")]
    [InlineData("cases:\n  - id: a\n    trials: 0\n    assert: [parse-clean]\n", "PG0504", 3, 13, "'trials' needs a whole number from 1 to 1000, not 0")]
    [InlineData("cases:\n  - id: a\n    pass-when: most\n    assert: [parse-clean]\n", "PG0504", 3, 16, "'pass-when' is all, majority, { at-least: N } or { rate: 0.8 }, not 'most'")]
    [InlineData("cases:\n  - id: a\n    pass-when: { rate: 1.5 }\n    assert: [parse-clean]\n", "PG0504", 3, 24, "'rate' needs a fraction of trials")]
    [InlineData("cases:\n  - id: a\n    trials: 2\n    pass-when: { at-least: 3 }\n    assert: [parse-clean]\n", "PG0504", 4, 28, "'at-least: 3' can never pass with 2 trials")]
    [InlineData("cases:\n  - id: a\n    assert: { equals: x }\n", "PG0504", 3, 13, "'assert' is a list of assertions")]
    [InlineData("cases:\n  - just text\n", "PG0504", 2, 5, "A case is a mapping")]
    [InlineData("case:\n  - id: a\n", "PG0504", 1, 1, "Unknown key 'case' in the eval file (expected prompt, description, defaults, cases, gate, experiment). Did you mean 'cases'?")]
    [InlineData("cases: []\n", "PG0504", 1, 8, "'cases' is empty")]
    [InlineData("cases:\n", "PG0504", 1, 1, "'cases' is empty")]
    [InlineData("prompt: 12\ncases:\n  - id: a\n    assert: [parse-clean]\n", "PG0504", 1, 9, "'prompt' needs the prompt file name")]
    [InlineData("gate: { min-pass-rate: 1.5 }\ncases:\n  - id: a\n    assert: [parse-clean]\n", "PG0504", 1, 24, "'gate.min-pass-rate' needs a number from 0 to 1, not 1.5")]
    [InlineData("gate: { alpha: 0 }\ncases:\n  - id: a\n    assert: [parse-clean]\n", "PG0504", 1, 16, "'gate.alpha' needs a number between 0 and 1 (exclusive)")]
    [InlineData("gate: { tolrance: 0.1 }\ncases:\n  - id: a\n    assert: [parse-clean]\n", "PG0504", 1, 9, "Unknown key 'tolrance' in gate (expected min-pass-rate, tolerance, alpha). Did you mean 'tolerance'?")]
    [InlineData("defaults: { trials: many }\ncases:\n  - id: a\n    assert: [parse-clean]\n", "PG0504", 1, 21, "'trials' needs a whole number")]
    [InlineData("- a\n- b\n", "PG0504", 1, 1, "An eval file is a mapping")]
    [InlineData("", "PG0504", 1, 1, "The eval file is empty")]
    [InlineData("cases:\n  - id: a\n  bad: [\n", "PG0001", 3, 3, "Invalid YAML in eval file")]
    [InlineData("cases:\n  - id: a\n    id: b\n    assert: [parse-clean]\n", "PG0001", 3, 5, "Invalid YAML in eval file: the key 'id' appears twice")]
    public void Malformed_files_are_reported_at_their_place(string text, string id, int line, int column, string message)
    {
        var file = Parse(text);
        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.StartsWith(message, diagnostic.Message);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Assertion_keyword_lists_agree_with_the_parser()
    {
        Assert.Equal(26 + 10, EvalAssertionKeywords.AllOperators.Count);
        foreach (var keyword in EvalAssertionKeywords.Operators) _ = EvalAssertionKeywords.KindOf(keyword);
        Assert.Contains("not-regex", EvalAssertionKeywords.AllOperators);
        Assert.DoesNotContain("not-min", EvalAssertionKeywords.AllOperators);
    }

    [Theory]
    [InlineData("Prompts/TriageTicket.eval.yaml", null, "Prompts/TriageTicket.prompt")]
    [InlineData("Prompts/TriageTicket.eval.yaml", "Classify.prompt", "Prompts/Classify.prompt")]
    [InlineData("Prompts/TriageTicket.eval.yaml", "Classify", "Prompts/Classify.prompt")]
    [InlineData("Prompts\\Sub\\A.eval.yaml", "../B.prompt", "Prompts\\Sub\\../B.prompt")]
    [InlineData("A.eval.yml", null, "A.prompt")]
    public void Links_an_eval_file_to_its_prompt(string evalPath, string? reference, string expected)
    {
        Assert.Equal(expected, EvalPromptLink.GetPromptPath(evalPath, reference));
    }

    [Theory]
    [InlineData("a", new[] { "a" })]
    [InlineData("a.b.c", new[] { "a", "b", "c" })]
    [InlineData("a[0].b", new[] { "a", "[0]", "b" })]
    [InlineData("[2]", new[] { "[2]" })]
    [InlineData("a.0", new[] { "a", "0" })]
    public void Parses_paths(string text, string[] segments)
    {
        var path = EvalPath.TryParse(text, out var error);
        Assert.Null(error);
        Assert.Equal(segments, path!.Segments.Select(s => s.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.")]
    [InlineData(".a")]
    [InlineData("a..b")]
    [InlineData("a[x]")]
    [InlineData("a[0")]
    [InlineData("a]")]
    [InlineData("a[0]b")]
    [InlineData("a.[0]")]
    public void Rejects_malformed_paths(string text)
    {
        Assert.Null(EvalPath.TryParse(text, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Paths_select_values()
    {
        var value = PromptJson.Parse("{\"a\":{\"items\":[{\"n\":1},{\"n\":2}],\"0\":\"zero\"}}");
        Assert.Equal(2, EvalPath.TryParse("a.items[1].n", out _)!.Evaluate(value)!.AsNumber);
        Assert.Equal(1, EvalPath.TryParse("a.items.0.n", out _)!.Evaluate(value)!.AsNumber);
        Assert.Equal("zero", EvalPath.TryParse("a.0", out _)!.Evaluate(value)!.AsString);
        Assert.Null(EvalPath.TryParse("a[0]", out _)!.Evaluate(value));
        Assert.Null(EvalPath.TryParse("a.missing.x", out _)!.Evaluate(value));
    }

    [Fact]
    public void Hostile_input_never_throws()
    {
        var deep = "cases:\n  - id: a\n    input: " + new string('[', 500) + new string(']', 500) + "\n    assert: [parse-clean]\n";
        Assert.NotEmpty(Parse(deep).Diagnostics);
        Assert.NotEmpty(Parse("cases: &a [*a]").Diagnostics);
        Assert.NotEmpty(Parse("\t- x: [").Diagnostics);
    }

    private static EvalFile Parse(string text) => EvalFileParser.Parse("Prompts/X.eval.yaml", text);
}
