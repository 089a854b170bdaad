using PromptGen.Language.Diagnostics;
using PromptGen.Language.Semantics;
using PromptGen.Language.Text;

namespace PromptGen.Language.Evals;

/// <summary>
/// Checks an eval file against the prompt it tests (PRODUCT §4, PG05xx): PG0501 when the prompt does not exist, PG0502
/// when a case's input does not fit the input schema, PG0503 when an assertion's path or operator does not fit the
/// output type, PG0506 when the <c>experiment:</c> block names a variant the prompt does not have
/// (<see cref="PromptContext.Variants"/>) or a control that is not one of its arms. The result also includes the
/// file's own diagnostics (PG0001, PG0504, PG0505), sorted by position.
/// </summary>
public static class EvalChecker
{
    /// <param name="file">The parsed eval file.</param>
    /// <param name="prompt">The linked prompt, or <c>null</c> when <see cref="EvalFile.PromptPath"/> does not exist.</param>
    /// <param name="siblingPrompts">File names of the prompts in the eval file's folder, for PG0501's suggestion.</param>
    public static IReadOnlyList<PromptDiagnostic> Check(EvalFile file, PromptContext? prompt, IEnumerable<string>? siblingPrompts = null)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        var diagnostics = new EvalDiagnosticList(file.Path);
        foreach (var diagnostic in file.Diagnostics) diagnostics.Add(diagnostic);

        if (prompt is null)
        {
            ReportMissingPrompt(file, siblingPrompts, diagnostics);
        }
        else
        {
            var inputs = new EvalInputChecker(diagnostics, prompt);
            var outputs = new EvalOutputChecker(diagnostics, prompt);
            foreach (var evalCase in file.Cases)
            {
                inputs.Check(evalCase);
                foreach (var assertion in evalCase.AllAssertions)
                {
                    if (EvalToolAssertions.IsToolKind(assertion.Kind)) EvalToolAssertions.Check(assertion, prompt, diagnostics);
                    else outputs.Check(assertion);
                }
            }

            if (file.Experiment is { } experiment) EvalExperimentChecker.Check(experiment, prompt, diagnostics);
        }

        return diagnostics.Items
            .OrderBy(d => d.Span.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static void ReportMissingPrompt(EvalFile file, IEnumerable<string>? siblingPrompts, EvalDiagnosticList diagnostics)
    {
        var promptPath = file.PromptPath;
        var name = file.PromptReference?.Trim() is { Length: > 0 } reference
            ? (reference.EndsWith(EvalPromptLink.PromptExtension, StringComparison.OrdinalIgnoreCase) ? reference : reference + EvalPromptLink.PromptExtension)
            : PortablePath.FileName(promptPath);
        var siblings = (siblingPrompts ?? Array.Empty<string>())
            .Select(PortablePath.FileName)
            .Where(PartialFile.IsPromptPath)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        var hint = EvalYaml.Hint(PortablePath.FileName(name), siblings);
        string advice;
        if (hint.Length > 0) advice = hint;
        else if (siblings.Count == 0) advice = "; there are no prompts in this folder";
        else advice = "; prompts in this folder: " + string.Join(", ", siblings.Take(10)) + (siblings.Count > 10 ? ", ..." : string.Empty);
        var how = file.PromptReference is null ? "; name it with 'prompt:' or rename the eval file" : string.Empty;
        var span = file.PromptReferenceSpan ?? new SourceSpan(0, 0, 1, 1, 1, 1);
        diagnostics.Add(DiagnosticDescriptors.EvalPromptNotFound, span, $"Prompt '{name}' not found next to this eval file{advice}{(hint.Length > 0 ? string.Empty : how)}");
    }
}
