using PromptGen.Language.Text;
using System;
using System.Linq;
using PromptGen.Evals.Assertions;
using PromptGen.Language.Evals;

namespace PromptGen.Evals.Tests.Assertions;

public sealed class AssertionScorerTests
{
    private const string Output = """{"category":"billing","summary":"Customer was charged twice for order 1182.","confidence":0.92,"tags":["refund","Urgent"],"customer":{"email":"a@b.c","visits":3},"note":null}""";

    private const string Schema = """
        {"type":"object","properties":{"category":{"type":"string","enum":["billing","bug"]},"summary":{"type":"string"},"confidence":{"type":"number"},
         "tags":{"type":"array","items":{"type":"string"}},"customer":{"type":["object","null"],"properties":{"email":{"type":"string"},"visits":{"type":"integer"}},"required":["email"],"additionalProperties":false},
         "note":{"type":["string","null"]}},"required":["category","summary"],"additionalProperties":false}
        """;

    [Theory]
    [InlineData("{ path: category, equals: billing }", true)]
    [InlineData("{ path: category, equals: bug }", false)]
    [InlineData("{ path: category, not-equals: bug }", true)]
    [InlineData("{ path: confidence, equals: 0.92 }", true)]
    [InlineData("{ path: customer, equals: { visits: 3, email: a@b.c } }", true)]
    [InlineData("{ path: note, equals: null }", true)]
    [InlineData("{ path: summary, contains: charged twice }", true)]
    [InlineData("{ path: summary, contains: Charged Twice }", false)]
    [InlineData("{ path: summary, icontains: CHARGED TWICE }", true)]
    [InlineData("{ path: summary, not-contains: sorry }", true)]
    [InlineData("{ path: summary, not-icontains: CUSTOMER }", false)]
    [InlineData("{ path: summary, contains-any: [nope, order 1182] }", true)]
    [InlineData("{ path: summary, contains-any: [nope, never] }", false)]
    [InlineData("{ path: summary, contains-all: [charged, 1182] }", true)]
    [InlineData("{ path: summary, contains-all: [charged, 1183] }", false)]
    [InlineData("{ path: summary, icontains-any: [CHARGED TWICE, double charge] }", true)]
    [InlineData("{ path: summary, icontains-all: [CUSTOMER, ORDER] }", true)]
    [InlineData("{ path: summary, not-icontains-any: [refund, sorry] }", true)]
    [InlineData("{ path: summary, not-contains-all: [charged, sorry] }", true)]
    [InlineData("{ path: summary, starts-with: Customer }", true)]
    [InlineData("{ path: summary, starts-with: customer }", false)]
    [InlineData("{ path: summary, not-starts-with: Dear }", true)]
    [InlineData("{ path: summary, regex: 'order \\d{4}\\.$' }", true)]
    [InlineData("{ path: summary, regex: '^\\d' }", false)]
    [InlineData("{ path: summary, not-regex: '(?i)sorry' }", true)]
    [InlineData("{ path: tags, contains: refund }", true)]
    [InlineData("{ path: tags, contains: urgent }", false)]
    [InlineData("{ path: tags, icontains: urgent }", true)]
    [InlineData("{ path: tags, contains: ref }", false)]
    [InlineData("{ contains: '\"category\":\"billing\"' }", true)]
    [InlineData("{ path: category, in: [billing, account] }", true)]
    [InlineData("{ path: category, in: [bug, account] }", false)]
    [InlineData("{ path: category, not-in: [bug] }", true)]
    [InlineData("{ path: confidence, min: 0.9 }", true)]
    [InlineData("{ path: confidence, min: 0.95 }", false)]
    [InlineData("{ path: confidence, max: 0.92 }", true)]
    [InlineData("{ path: confidence, min: 0.1, max: 0.5 }", false)]
    [InlineData("{ path: tags, count: 2 }", true)]
    [InlineData("{ path: tags, count: 3 }", false)]
    [InlineData("{ path: tags, count: { min: 1, max: 2 } }", true)]
    [InlineData("{ path: tags, count: { min: 3 } }", false)]
    [InlineData("{ path: customer.email, exists: true }", true)]
    [InlineData("{ path: customer.phone, exists: true }", false)]
    [InlineData("{ path: customer.phone, exists: false }", true)]
    [InlineData("{ path: note, exists: false }", true)]
    [InlineData("{ path: category, exists: false }", false)]
    [InlineData("{ path: 'tags[1]', equals: Urgent }", true)]
    [InlineData("{ path: tags.0, equals: refund }", true)]
    [InlineData("{ json-subset: { category: billing, customer: { visits: 3 } } }", true)]
    [InlineData("{ json-subset: { tags: [Urgent] } }", true)]
    [InlineData("{ json-subset: { tags: [urgent] } }", false)]
    [InlineData("{ json-subset: { customer: { visits: 4 } } }", false)]
    [InlineData("{ path: summary, levenshtein: { value: 'Customer was charged twice for order 1182', max: 1 } }", true)]
    [InlineData("{ path: summary, levenshtein: { value: 'Client was charged twice for order 1182.', max: 3 } }", false)]
    public void Scores_json_output(string assertionYaml, bool passes)
    {
        var assertion = ParseAssertion(assertionYaml);
        var outcome = AssertionScorer.Score(assertion, new AssertionSubject { OutputJson = Output, OutputJsonSchema = Schema });
        Assert.Equal(passes, outcome.Passed);
        Assert.Equal(passes, outcome.Message is null);
        Assert.Equal(assertion.Keyword, outcome.Kind);
        Assert.Equal(assertion.Description, outcome.Description);
        Assert.True(outcome.Gating);
        Assert.Equal(5, outcome.Line);
    }

    [Theory]
    [InlineData("{ path: category, equals: bug }", "expected category to equal \"bug\", got \"billing\"")]
    [InlineData("{ path: summary, contains-all: [charged, 1183, sorry] }", "expected summary to contain all of [\"charged\",\"1183\",\"sorry\"] (missing \"1183\", \"sorry\"), got \"Customer was charged twice for order 1182.\"")]
    [InlineData("{ path: summary, not-icontains-any: [CUSTOMER, sorry] }", "expected summary not to contain any of [\"CUSTOMER\",\"sorry\"] (ignoring case) (found \"CUSTOMER\"), got")]
    [InlineData("{ path: confidence, min: 0.95 }", "expected confidence min 0.95, got 0.92")]
    [InlineData("{ path: tags, count: 3 }", "expected count of tags is 3, got 2 items")]
    [InlineData("{ path: customer.phone, exists: true }", "expected customer.phone to exist, it is missing")]
    [InlineData("{ path: missing, equals: 1 }", "'missing' is not in the output")]
    [InlineData("{ path: summary, min: 1 }", "expected summary to be a number, got \"Customer was")]
    [InlineData("{ json-subset: { customer: { visits: 4 } } }", "expected the output to contain {\"customer\":{\"visits\":4}}; first difference at $.customer.visits")]
    [InlineData("{ path: category, levenshtein: { value: bug, max: 1 } }", "expected category within 1 edits of \"bug\", distance is 5 (got \"billing\")")]
    [InlineData("{ path: category, in: [bug, account] }", "expected category to be one of [\"bug\",\"account\"], got \"billing\"")]
    public void Failure_messages_show_expected_and_actual(string assertionYaml, string message)
    {
        var outcome = AssertionScorer.Score(ParseAssertion(assertionYaml), new AssertionSubject { OutputJson = Output });
        Assert.False(outcome.Passed);
        Assert.StartsWith(message, outcome.Message);
    }

    [Fact]
    public void Levenshtein_reports_the_distance_as_score()
    {
        var outcome = AssertionScorer.Score(ParseAssertion("{ path: category, levenshtein: { value: billinx, max: 1 } }"), new AssertionSubject { OutputJson = Output });
        Assert.True(outcome.Passed);
        Assert.Equal(1, outcome.Score);
        Assert.Equal(3, EditDistance.Distance("kitten", "sitting"));
        Assert.Equal(0, EditDistance.Distance("", ""));
        Assert.Equal(4, EditDistance.Distance("", "abcd"));
    }

    [Theory]
    [InlineData("{ equals: Paris }", true)]
    [InlineData("{ equals: paris }", false)]
    [InlineData("{ in: [London, Paris] }", true)]
    [InlineData("{ icontains: paris }", true)]
    [InlineData("{ starts-with: Par }", true)]
    [InlineData("{ regex: '^Paris$' }", true)]
    [InlineData("{ levenshtein: { value: Pari, max: 1 } }", true)]
    [InlineData("{ not-contains: London }", true)]
    public void Scores_text_output_on_its_text(string assertionYaml, bool passes)
    {
        var subject = new AssertionSubject { OutputJson = "\"  Paris\\n\"", IsTextOutput = true };
        var assertion = ParseAssertion(assertionYaml);
        if (assertion.Kind is EvalAssertionKind.StartsWith or EvalAssertionKind.Regex or EvalAssertionKind.Levenshtein)
        {
            subject = new AssertionSubject { OutputJson = "\"Paris\"", IsTextOutput = true };
        }

        Assert.Equal(passes, AssertionScorer.Score(assertion, subject).Passed);
    }

    [Fact]
    public void Text_output_without_parsed_json_uses_the_model_text()
    {
        var outcome = AssertionScorer.Score(ParseAssertion("{ icontains: paris }"), new AssertionSubject { ModelText = "It is Paris.", IsTextOutput = true });
        Assert.True(outcome.Passed);
    }

    [Fact]
    public void Output_that_failed_to_parse_fails_value_assertions_with_the_parse_error()
    {
        var subject = new AssertionSubject { ModelText = "no json here", ParseReport = new PromptParseReport(null, "no JSON value found") };
        var outcome = AssertionScorer.Score(ParseAssertion("{ path: category, equals: billing }"), subject);
        Assert.False(outcome.Passed);
        Assert.Equal("the output could not be parsed: no JSON value found", outcome.Message);
        Assert.False(AssertionScorer.Score(ParseAssertion("parse-clean"), subject).Passed);
    }

    [Fact]
    public void Parse_clean_passes_only_without_repairs()
    {
        var clean = new AssertionSubject { OutputJson = Output, ParseReport = PromptParseReport.Clean };
        Assert.True(AssertionScorer.Score(ParseAssertion("parse-clean"), clean).Passed);
        var repaired = new AssertionSubject
        {
            OutputJson = Output,
            ParseReport = new PromptParseReport(new[] { new PromptRepair(PromptRepairKind.TrailingComma, "$", 10, 1, "removed a trailing comma") }),
        };
        var outcome = AssertionScorer.Score(ParseAssertion("parse-clean"), repaired);
        Assert.False(outcome.Passed);
        Assert.Equal("the parser repaired the output: TrailingComma at $", outcome.Message);
        Assert.False(AssertionScorer.Score(ParseAssertion("parse-clean"), new AssertionSubject { OutputJson = Output }).Passed);
    }

    [Fact]
    public void Schema_valid_checks_types_required_enums_and_extra_fields()
    {
        var assertion = ParseAssertion("schema-valid");
        Assert.True(AssertionScorer.Score(assertion, new AssertionSubject { OutputJson = Output, OutputJsonSchema = Schema }).Passed);
        var bad = """{"category":"invoice","confidence":"high","tags":[1],"customer":{"visits":1.5},"extra":true}""";
        var outcome = AssertionScorer.Score(assertion, new AssertionSubject { OutputJson = bad, OutputJsonSchema = Schema });
        Assert.False(outcome.Passed);
        Assert.Contains("$: missing required property 'summary'", outcome.Message);
        var all = JsonSchemaValidator.Validate(Language.Values.PromptJson.Parse(bad), Language.Values.PromptJson.Parse(Schema));
        Assert.Contains("$: property 'extra' is not allowed", all);
        Assert.Contains("$.customer: missing required property 'email'", all);
        Assert.Contains("$.customer.visits: expected integer, got number", all);
        Assert.Contains("$.category: \"invoice\" is not one of \"billing\", \"bug\"", outcome.Message);
        Assert.Contains("$.confidence: expected number, got string", outcome.Message);
        Assert.Contains("(and ", outcome.Message);
        Assert.False(AssertionScorer.Score(assertion, new AssertionSubject { OutputJson = Output }).Passed);
    }

    [Fact]
    public void Schema_validator_covers_nullable_types_items_and_additional_property_schemas()
    {
        var schema = Language.Values.PromptJson.Parse("""{"type":"object","additionalProperties":{"type":["integer","null"]}}""");
        Assert.Empty(JsonSchemaValidator.Validate(Language.Values.PromptJson.Parse("""{"a":1,"b":null}"""), schema));
        Assert.Equal(new[] { "$.a: expected integer or null, got number" }, JsonSchemaValidator.Validate(Language.Values.PromptJson.Parse("""{"a":1.5}"""), schema));
        var list = Language.Values.PromptJson.Parse("""{"type":"array","items":{"enum":["x","y"]}}""");
        Assert.Equal(new[] { "$[1]: \"z\" is not one of \"x\", \"y\"" }, JsonSchemaValidator.Validate(Language.Values.PromptJson.Parse("""["x","z"]"""), list));
    }

    [Fact]
    public void Schema_validator_reads_the_schema_as_the_rest_of_promptgen_does()
    {
        // anyOf [X, {type: null}] is "X or null", as for generated code and eval inputs; a key "0" is not an index.
        var schema = Language.Values.PromptJson.Parse("""{"type":"object","properties":{"a":{"anyOf":[{"type":"string"},{"type":"null"}]},"0":{"type":"string"}}}""");
        Assert.Empty(JsonSchemaValidator.Validate(Language.Values.PromptJson.Parse("""{"a":null,"0":"x"}"""), schema));
        Assert.Equal(
            new[] { "$.a: expected string, got number", "$.0: expected string, got boolean" },
            JsonSchemaValidator.Validate(Language.Values.PromptJson.Parse("""{"a":1,"0":true}"""), schema));
    }

    [Theory]
    [InlineData("{ latency: { max-ms: 4000 } }", true)]
    [InlineData("{ latency: { max-ms: 1000 } }", false)]
    [InlineData("{ tokens: { max-input: 100, max-output: 50 } }", true)]
    [InlineData("{ tokens: { max-total: 120 } }", false)]
    [InlineData("{ tokens: { max-output: 10 } }", false)]
    [InlineData("{ cost: { max: 0.01 } }", true)]
    [InlineData("{ cost: { max: 0.001 } }", false)]
    public void Scores_latency_tokens_and_cost(string assertionYaml, bool passes)
    {
        var subject = new AssertionSubject { OutputJson = Output, Latency = TimeSpan.FromMilliseconds(1500), InputTokens = 90, OutputTokens = 40, Cost = 0.004m };
        Assert.Equal(passes, AssertionScorer.Score(ParseAssertion(assertionYaml), subject).Passed);
    }

    [Fact]
    public void Call_measurements_that_are_missing_fail_with_a_reason()
    {
        var subject = new AssertionSubject { OutputJson = Output };
        Assert.Equal("no latency was measured for this trial", AssertionScorer.Score(ParseAssertion("{ latency: { max-ms: 1 } }"), subject).Message);
        Assert.Equal("the provider reported no output token count", AssertionScorer.Score(ParseAssertion("{ tokens: { max-output: 1 } }"), subject).Message);
        Assert.StartsWith("no cost is known", AssertionScorer.Score(ParseAssertion("{ cost: { max: 1 } }"), subject).Message);
        var slow = AssertionScorer.Score(ParseAssertion("{ latency: { max-ms: 1000 } }"), new AssertionSubject { Latency = TimeSpan.FromMilliseconds(1500) });
        Assert.Equal("expected at most 1000 ms, took 1500 ms", slow.Message);
        Assert.Equal(1500, slow.Score);
    }

    [Fact]
    public void Checks_are_not_gating()
    {
        var file = EvalFileParser.Parse("x.eval.yaml", "cases:\n  - id: a\n    check:\n      - { latency: { max-ms: 1 } }\n");
        var outcome = AssertionScorer.Score(file.Cases[0].Check[0], new AssertionSubject { Latency = TimeSpan.FromSeconds(1) });
        Assert.False(outcome.Passed);
        Assert.False(outcome.Gating);
    }

    [Fact]
    public void Model_backed_kinds_need_ScoreAsync()
    {
        Assert.Throws<AssertionServiceException>(() => AssertionScorer.Score(ParseAssertion("llm-rubric: polite"), new AssertionSubject { OutputJson = Output }));
    }

    [Fact]
    public void A_JsonElement_output_can_be_scored()
    {
        using var document = System.Text.Json.JsonDocument.Parse(Output);
        Assert.True(AssertionScorer.Score(ParseAssertion("{ path: customer.visits, min: 3 }"), AssertionSubject.FromJson(document.RootElement)).Passed);
    }

    internal static EvalAssertion ParseAssertion(string yaml)
    {
        var file = EvalFileParser.Parse("x.eval.yaml", "cases:\n  - id: a\n    input: {}\n    assert:\n      - " + yaml + "\n");
        Assert.Empty(file.Diagnostics);
        return file.Cases[0].Assert.Single();
    }
}
