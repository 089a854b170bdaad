using System.Linq;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

/// <summary>Eval files are additional files of the generator: PG0501–PG0505 appear in a plain build and in the IDE.</summary>
public sealed class EvalFileDiagnosticsTests
{
    private const string Prompt = """
        ---
        input:
          schema:
            ticket: string
            channel?(enum): [email, chat]
        output:
          schema:
            category(enum): [billing, bug]
            summary: string
        ---
        {{ticket}} {{channel}}
        """;

    private const string BrokenEval = """
        cases:
          - id: undeclared-input
            input: { ticket: "x", tikcet: "y" }
            assert: [{ path: category, equals: bug }]
          - id: enum-outside-schema
            input: { ticket: "x", channel: phone }
            assert: [{ path: category, equals: bug }]
          - id: misspelt-path
            input: { ticket: "x" }
            assert:
              - { path: sumary, contains: charged }
        """;

    private static (Diagnostic Diagnostic, int Line, int Column)[] EvalDiagnostics(GeneratorRunResult result, string evalRelative) =>
        result.Diagnostics
            .Where(d => d.Location.GetLineSpan().Path == GeneratorHarness.PathOf(evalRelative))
            .Select(d => (d, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1))
            .OrderBy(d => d.Item2)
            .ToArray();

    [Fact]
    public void A_plain_build_reports_eval_case_mistakes_at_their_line_and_column()
    {
        var result = GeneratorHarness.Create(new[]
        {
            (GeneratorHarness.PathOf("Prompts/Triage.prompt"), Prompt),
            (GeneratorHarness.PathOf("Prompts/Triage.eval.yaml"), BrokenEval),
        }).Run();

        var found = EvalDiagnostics(result, "Prompts/Triage.eval.yaml");
        Assert.Equal(new[] { ("PG0502", 3, 27), ("PG0502", 6, 36), ("PG0503", 11, 17) }, found.Select(f => (f.Diagnostic.Id, f.Line, f.Column)));
        Assert.All(found, f => Assert.Equal(DiagnosticSeverity.Error, f.Diagnostic.Severity));
        Assert.Contains("Did you mean 'ticket'?", found[0].Diagnostic.GetMessage());
        Assert.Contains("\"phone\"", found[1].Diagnostic.GetMessage());
        Assert.Contains("Did you mean 'summary'?", found[2].Diagnostic.GetMessage());
    }

    [Fact]
    public void An_eval_file_whose_prompt_does_not_exist_is_PG0501()
    {
        var result = GeneratorHarness.Create(new[]
        {
            (GeneratorHarness.PathOf("Prompts/Triage.prompt"), Prompt),
            (GeneratorHarness.PathOf("Prompts/Triag.eval.yaml"), "cases:\n  - id: a\n    input: { ticket: x }\n    assert: [{ path: category, equals: bug }]\n"),
        }).Run();

        var diagnostic = Assert.Single(EvalDiagnostics(result, "Prompts/Triag.eval.yaml")).Diagnostic;
        Assert.Equal("PG0501", diagnostic.Id);
        Assert.Contains("Triage.prompt", diagnostic.GetMessage());
    }

    [Fact]
    public void A_prompt_key_links_an_eval_file_with_another_name()
    {
        var result = GeneratorHarness.Create(new[]
        {
            (GeneratorHarness.PathOf("Prompts/Triage.prompt"), Prompt),
            (GeneratorHarness.PathOf("Evals/Smoke.eval.yaml"), "prompt: ../Prompts/Triage.prompt\ncases:\n  - id: a\n    input: { ticket: x, extra: 1 }\n    assert: [{ path: category, equals: bug }]\n"),
        }).Run();

        Assert.Equal("PG0502", Assert.Single(EvalDiagnostics(result, "Evals/Smoke.eval.yaml")).Diagnostic.Id);
    }

    [Fact]
    public void A_fitting_eval_file_adds_nothing()
    {
        var result = GeneratorHarness.Create(new[]
        {
            (GeneratorHarness.PathOf("Prompts/Triage.prompt"), Prompt),
            (GeneratorHarness.PathOf("Prompts/Triage.eval.yaml"), "cases:\n  - id: a\n    input: { ticket: x, channel: chat }\n    assert:\n      - { path: category, equals: bug }\n"),
        }).Run();

        Assert.Empty(EvalDiagnostics(result, "Prompts/Triage.eval.yaml"));
    }

    [Fact]
    public void Editing_a_template_leaves_the_eval_check_cached()
    {
        var harness = GeneratorHarness.Create(new[]
        {
            (GeneratorHarness.PathOf("Prompts/Triage.prompt"), Prompt),
            (GeneratorHarness.PathOf("Prompts/Triage.eval.yaml"), BrokenEval),
        });
        harness.Run();

        harness.ReplacePrompt(GeneratorHarness.PathOf("Prompts/Triage.prompt"), Prompt.Replace("{{ticket}} {{channel}}", "Ticket: {{ticket}} via {{channel}}"));
        var second = harness.Run();

        var reports = second.TrackedSteps[TrackingNames.EvalReports].SelectMany(r => r.Outputs).ToList();
        Assert.NotEmpty(reports);
        Assert.All(reports, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(3, EvalDiagnostics(second, "Prompts/Triage.eval.yaml").Length);
    }
}
