using PromptGen.Language.Diagnostics;

namespace PromptGen.Language.Prompts;

/// <summary>Puts diagnostics in reading order and drops exact duplicates reported by more than one pass.</summary>
public static class DiagnosticOrdering
{
    public static IReadOnlyList<PromptDiagnostic> Normalize(IEnumerable<PromptDiagnostic> diagnostics)
    {
        // Most files have no diagnostics or a few already in order: a list strictly increasing in the sort key has no
        // duplicates either (equal diagnostics have equal keys), so it is its own result.
        if (diagnostics is IReadOnlyList<PromptDiagnostic> list && IsStrictlyOrdered(list)) return new List<PromptDiagnostic>(list);
        return diagnostics
            .Distinct()
            .OrderBy(d => d.Path, System.StringComparer.Ordinal)
            .ThenBy(d => d.Span.Start)
            .ThenBy(d => d.Span.End)
            .ThenBy(d => d.Id, System.StringComparer.Ordinal)
            .ThenBy(d => d.Message, System.StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsStrictlyOrdered(IReadOnlyList<PromptDiagnostic> list)
    {
        for (var i = 1; i < list.Count; i++)
        {
            if (Compare(list[i - 1], list[i]) >= 0) return false;
        }

        return true;
    }

    /// <summary>The order <see cref="Normalize"/> sorts by.</summary>
    private static int Compare(PromptDiagnostic x, PromptDiagnostic y)
    {
        var order = string.CompareOrdinal(x.Path, y.Path);
        if (order == 0) order = x.Span.Start.CompareTo(y.Span.Start);
        if (order == 0) order = x.Span.End.CompareTo(y.Span.End);
        if (order == 0) order = string.CompareOrdinal(x.Id, y.Id);
        if (order == 0) order = string.CompareOrdinal(x.Message, y.Message);
        return order;
    }
}
