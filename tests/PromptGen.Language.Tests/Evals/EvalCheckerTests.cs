using System.Linq;
using PromptGen.Language.Documents;
using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;

namespace PromptGen.Language.Tests.Evals;

public sealed class EvalCheckerTests
{
    private const string TriagePrompt = """
        ---
        input:
          schema:
            ticket: string
            product?: string
            priority?(enum): [low, high]
            order?(object):
              id: integer
              lines(array): string
        output:
          schema:
            category(enum): [billing, bug, account, other]
            summary: string
            confidence: number, from 0 to 1
            tags(array): string
            customer?(object):
              email: string
              visits: integer
        ---
        {{ticket}} {{product}} {{priority}} {{order.id}}
        """;

    private static readonly PromptContext s_triage = PromptContext.From(PromptCompiler.Compile("Prompts/TriageTicket.prompt", TriagePrompt));

    [Fact]
    public void The_prompt_document_gives_the_context()
    {
        Assert.Equal("TriageTicket", s_triage.PromptName);
        Assert.Equal("TriageTicket.prompt", s_triage.PromptFileName);
        Assert.True(s_triage.HasTypedOutput);
        Assert.NotNull(s_triage.Input);
    }

    [Fact]
    public void A_fitting_file_has_no_diagnostics()
    {
        var diagnostics = Check("""
            cases:
              - id: ok
                input: { ticket: "I was charged twice", product: Pro, priority: high, order: { id: 1182, lines: [a, b] } }
                assert:
                  - { path: category, equals: billing }
                  - { path: category, in: [billing, account] }
                  - { path: summary, icontains-any: [charged twice, double charge] }
                  - { path: summary, regex: '^\w' }
                  - { path: confidence, min: 0.7 }
                  - { path: tags, count: { min: 1 } }
                  - { path: tags, contains: urgent }
                  - { path: 'tags[0]', starts-with: u }
                  - { path: customer.email, exists: true }
                  - { path: customer.visits, max: 10 }
                  - { json-subset: { category: billing, customer: { email: a } } }
                  - { contains: billing }
                  - schema-valid
                  - parse-clean
                  - llm-rubric: "One sentence"
                check:
                  - { latency: { max-ms: 4000 } }
            """);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void PG0501_when_the_prompt_is_missing_lists_the_folder()
    {
        var file = EvalFileParser.Parse("Prompts/TriageTicket.eval.yaml", "prompt: TriageTicket.prompt\ncases:\n  - id: double-charge\n    input: { ticket: x }\n    assert:\n      - { path: category, equals: billing }\n");
        var diagnostic = Assert.Single(EvalChecker.Check(file, null, new[] { "Prompts/ClassifyTicket.prompt", "Prompts/_partial.prompt" }));
        Assert.Equal("Prompts/TriageTicket.eval.yaml(1,9): error PG0501: Prompt 'TriageTicket.prompt' not found next to this eval file; prompts in this folder: ClassifyTicket.prompt", diagnostic.ToMSBuildString());
    }

    [Fact]
    public void PG0501_suggests_a_close_name_and_points_at_the_file_start_without_a_prompt_key()
    {
        var file = EvalFileParser.Parse("Prompts/TriageTiket.eval.yaml", "cases:\n  - id: a\n    assert: [parse-clean]\n");
        var diagnostic = Assert.Single(EvalChecker.Check(file, null, new[] { "TriageTicket.prompt", "Other.prompt" }));
        Assert.Equal("PG0501", diagnostic.Id);
        Assert.Equal((1, 1), (diagnostic.Line, diagnostic.Column));
        Assert.Equal("Prompt 'TriageTiket.prompt' not found next to this eval file. Did you mean 'TriageTicket.prompt'?", diagnostic.Message);

        var empty = Assert.Single(EvalChecker.Check(file, null));
        Assert.Contains("there are no prompts in this folder", empty.Message);
    }

    [Fact]
    public void PG0502_examples_of_the_documentation()
    {
        var diagnostics = Check("""
            cases:
              - id: double-charge
                input: { ticket: "I was charged twice for order 1182", produkt: Pro }
                assert:
                  - { path: category, equals: billing }
              - id: empty-ticket
                input: { product: Pro }
                assert:
                  - { path: category, equals: other }
            """);
        Assert.Equal(2, diagnostics.Length);
        Assert.Equal("X.eval.yaml(3,60): error PG0502: Input field 'produkt' is not declared by TriageTicket.prompt. Did you mean 'product'?", diagnostics[0]);
        Assert.Equal("X.eval.yaml(7,12): error PG0502: Input is missing the required field 'ticket'", diagnostics[1]);
    }

    [Theory]
    [InlineData("{ ticket: 12 }", 3, 22, "Input field 'ticket' is an integer but TriageTicket.prompt expects a string")]
    [InlineData("{ ticket: x, priority: urgent }", 3, 35, "Input field 'priority' is \"urgent\", which is not one of \"low\", \"high\"")]
    [InlineData("{ ticket: x, order: { lines: [a] } }", 3, 32, "Input field 'order' is missing the required field 'id'")]
    [InlineData("{ ticket: x, order: { id: 1.5, lines: [] } }", 3, 38, "Input field 'order.id' is a number but TriageTicket.prompt expects an integer")]
    [InlineData("{ ticket: x, order: { id: 1, lines: [a, 2] } }", 3, 52, "Input field 'order.lines.1' is an integer but TriageTicket.prompt expects a string")]
    [InlineData("{ ticket: x, order: { id: 1, lines: [], note: n } }", 3, 52, "Input field 'order.note' is not declared by TriageTicket.prompt (fields: id, lines)")]
    public void PG0502_at_the_offending_field(string input, int line, int column, string message)
    {
        var diagnostic = Assert.Single(EvalChecker.Check(Parse($"cases:\n  - id: a\n    input: {input}\n    assert: [parse-clean]\n"), s_triage));
        Assert.Equal("PG0502", diagnostic.Id);
        Assert.StartsWith(message, diagnostic.Message);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void PG0502_skips_required_fields_with_a_default_and_points_at_the_id_without_input()
    {
        var prompt = PromptContext.From(PromptCompiler.Compile("P.prompt", "---\ninput:\n  schema:\n    a: string\n    b: string\n  default:\n    b: x\n---\n{{a}}{{b}}"));
        var diagnostic = Assert.Single(EvalChecker.Check(Parse("cases:\n  - id: a\n    assert: [parse-clean]\n"), prompt));
        Assert.Equal("Input is missing the required field 'a'", diagnostic.Message);
        Assert.Equal((2, 9), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void PG0503_examples_of_the_documentation()
    {
        var diagnostics = Check("""
            cases:
              - id: double-charge
                input: { ticket: "I was charged twice for order 1182" }
                assert:
                  - { path: categroy, equals: billing }
                  - { path: confidence, contains: high }
            """);
        Assert.Equal(2, diagnostics.Length);
        Assert.Equal("X.eval.yaml(5,17): error PG0503: TriageTicketPrompt.Output has no field 'categroy'. Did you mean 'category'?", diagnostics[0]);
        Assert.StartsWith("X.eval.yaml(6,29): error PG0503: 'contains' does not apply to 'confidence', which is a number; it needs a string or a list; use min or max", diagnostics[1]);
    }

    [Theory]
    [InlineData("{ path: category, equals: invoice }", 27, "\"invoice\" is not a value of 'category' (billing, bug, account, other)")]
    [InlineData("{ path: category, in: [billing, invoice] }", 23, "\"invoice\" is not a value of 'category'")]
    [InlineData("{ path: confidence, equals: high }", 29, "'equals: \"high\"' can never hold: 'confidence' is a number")]
    [InlineData("{ path: summary, min: 3 }", 18, "'min' does not apply to 'summary', which is a string; it needs a number")]
    [InlineData("{ path: summary, count: 3 }", 18, "'count' does not apply to 'summary', which is a string; it needs a list")]
    [InlineData("{ path: confidence, regex: x }", 21, "'regex' does not apply to 'confidence', which is a number")]
    [InlineData("{ path: tags, starts-with: x }", 15, "'starts-with' does not apply to 'tags', which is a list")]
    [InlineData("{ path: summary.text, equals: x }", 9, "'summary' is a string; it has no field 'text'")]
    [InlineData("{ path: customer.emial, exists: true }", 9, "'customer' has no field 'emial'. Did you mean 'email'?")]
    [InlineData("{ path: 'summary[0]', equals: x }", 9, "'summary' is a string, not a list")]
    [InlineData("{ path: category, json-subset: { a: 1 } }", 19, "'json-subset' does not apply to 'category', which is a string")]
    [InlineData("{ json-subset: { category: invoice } }", 16, "'json-subset' value does not fit the output")]
    [InlineData("{ min: 1 }", 3, "'min' does not apply to the output, which is an object")]
    public void PG0503_when_path_operator_or_value_does_not_fit(string assertion, int column, string message)
    {
        var diagnostic = Assert.Single(EvalChecker.Check(Parse($"cases:\n  - id: a\n    input: {{ ticket: x }}\n    assert:\n      - {assertion}\n"), s_triage));
        Assert.Equal("PG0503", diagnostic.Id);
        Assert.StartsWith(message, diagnostic.Message);
        Assert.Equal((5, column + 8), (diagnostic.Line, diagnostic.Column));
    }

    [Theory]
    [InlineData("{ path: answer, equals: x }", "TextPrompt.prompt returns text, so 'path' has nothing to select")]
    [InlineData("schema-valid", "'schema-valid' needs an output schema")]
    [InlineData("{ json-subset: { a: 1 } }", "'json-subset' does not apply to the output")]
    public void PG0503_for_text_output(string assertion, string message)
    {
        var prompt = PromptContext.From(PromptCompiler.Compile("Prompts/TextPrompt.prompt", "---\ninput:\n  schema:\n    q: string\n---\n{{q}}"));
        Assert.False(prompt.HasTypedOutput);
        var diagnostic = Assert.Single(EvalChecker.Check(Parse($"cases:\n  - id: a\n    input: {{ q: x }}\n    assert:\n      - {assertion}\n"), prompt));
        Assert.Equal("PG0503", diagnostic.Id);
        Assert.StartsWith(message, diagnostic.Message);
        Assert.Empty(EvalChecker.Check(Parse("cases:\n  - id: a\n    input: { q: x }\n    assert:\n      - { icontains: paris }\n      - parse-clean\n      - { levenshtein: { value: Paris, max: 1 } }\n"), prompt));
    }

    [Fact]
    public void Results_include_the_file_diagnostics_sorted_by_position()
    {
        var diagnostics = EvalChecker.Check(Parse("cases:\n  - id: a\n    input: { tiket: x }\n    assert:\n      - { path: nope, equals: 1 }\n      - { bogus: 1 }\n"), s_triage);
        Assert.Equal(new[] { "PG0502", "PG0502", "PG0503", "PG0504" }, diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void Schemas_the_checker_cannot_read_are_not_guessed()
    {
        var prompt = new PromptContext
        {
            PromptPath = "P.prompt",
            PromptName = "P",
            Output = SchemaReader.Read(PromptGen.Language.Values.PromptJson.Parse("{\"type\":\"object\",\"properties\":{\"x\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"number\"}]}},\"additionalProperties\":true}")),
        };
        Assert.Empty(EvalChecker.Check(Parse("cases:\n  - id: a\n    assert:\n      - { path: x.y, equals: 1 }\n      - { path: anything, min: 1 }\n      - { path: x, min: 1 }\n"), prompt));
    }

    private static EvalFile Parse(string text) => EvalFileParser.Parse("X.eval.yaml", text);

    private static string[] Check(string text) => EvalChecker.Check(Parse(text), s_triage).Select(d => d.ToMSBuildString()).ToArray();
}
