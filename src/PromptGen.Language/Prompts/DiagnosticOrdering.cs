using PromptGen.Language.Diagnostics;

namespace PromptGen.Language.Prompts;

/// <summary>Puts diagnostics in reading order and drops exact duplicates reported by more than one pass.</summary>
public static class DiagnosticOrdering
{
    public static IReadOnlyList<PromptDiagnostic> Normalize(IEnumerable<PromptDiagnostic> diagnostics) =>
        diagnostics
            .Distinct()
            .OrderBy(d => d.Path, System.StringComparer.Ordinal)
            .ThenBy(d => d.Span.Start)
            .ThenBy(d => d.Span.End)
            .ThenBy(d => d.Id, System.StringComparer.Ordinal)
            .ThenBy(d => d.Message, System.StringComparer.Ordinal)
            .ToList();
}
