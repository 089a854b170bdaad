using PromptGen.Evals.Baselines;
using PromptGen.Evals.Gate;
using PromptGen.Evals.Results;
using PromptGen.Language.Diagnostics;

namespace PromptGen.Evals.Running;

/// <summary>
/// Gates one eval file's results against its baseline, first writing the baseline when asked: the same steps for a
/// whole run and for the merge of a sharded run.
/// </summary>
internal static class SuiteGate
{
    /// <summary>A gated suite.</summary>
    /// <param name="Suite">The suite with its verdicts and gate.</param>
    /// <param name="Baseline">The baseline it was judged against.</param>
    /// <param name="GateFindings">The gate's findings.</param>
    /// <param name="BaselineWritten">The baseline file written, if any.</param>
    /// <param name="BaselineError">Why the baseline could not be written, if it could not.</param>
    public sealed record Outcome(SuiteResult Suite, Baseline? Baseline, IReadOnlyList<GateFinding> GateFindings, string? BaselineWritten, string? BaselineError);

    /// <summary>
    /// Gates <paramref name="suite"/>, whose cases are <paramref name="selectedIds"/> of the eval file's
    /// <paramref name="allIds"/>. With <paramref name="updateBaseline"/> the baseline is written first (keeping the
    /// entries of cases not run) and the run is judged against it: updating accepts the current results.
    /// </summary>
    public static Outcome Apply(
        SuiteResult suite,
        Baseline? baseline,
        GateSettings settings,
        string baselinePath,
        bool updateBaseline,
        IReadOnlyCollection<string> allIds,
        HashSet<string> selectedIds)
    {
        var everyCase = selectedIds.Count == allIds.Count;
        var gateBaseline = everyCase ? baseline : Restrict(baseline, selectedIds);
        string? written = null;
        string? error = null;
        if (updateBaseline)
        {
            var updated = Merge(BaselineBuilder.FromSuite(suite, baseline), baseline, allIds, selectedIds);
            try
            {
                if (BaselineStore.Write(baselinePath, updated, update: true)) written = baselinePath;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error = $"The baseline '{Path.GetFileName(baselinePath)}' could not be written: {exception.Message}";
            }

            gateBaseline = Restrict(updated, selectedIds);
        }

        var gated = GateEvaluator.Evaluate(suite, gateBaseline, settings);
        return new Outcome(gated, gateBaseline, gated.Gate!.Findings, written, error);
    }

    /// <summary>
    /// Whether a gate finding depends on its case alone (a failed critical case, a missing recording, a provider error,
    /// a flaky case), so that one shard of a suite may report it; the pass rate, the sign test and new-case warnings
    /// need the whole suite.
    /// </summary>
    public static bool HoldsPerCase(GateFinding finding) =>
        finding.CaseId is not null && s_perCaseFindings.Contains(finding.Id);

    private static readonly HashSet<string> s_perCaseFindings = new(StringComparer.Ordinal)
    {
        DiagnosticDescriptors.EvalGateFailed.Id,
        DiagnosticDescriptors.RecordingMissing.Id,
        DiagnosticDescriptors.EvalInfrastructureError.Id,
        DiagnosticDescriptors.FlakyCase.Id,
    };

    /// <summary>The baseline of the selected cases only, so a partial run neither pairs nor reports STALE the cases it skipped.</summary>
    public static Baseline? Restrict(Baseline? baseline, HashSet<string> caseIds) => baseline is null
        ? null
        : baseline with
        {
            Cases = baseline.Cases.Where(c => caseIds.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
        };

    /// <summary>A filtered update keeps the previous entries of the cases it did not run (while they are still in the file).</summary>
    private static Baseline Merge(Baseline fresh, Baseline? previous, IReadOnlyCollection<string> allIds, HashSet<string> selectedIds)
    {
        if (previous is null || selectedIds.Count == allIds.Count) return fresh;
        var all = new HashSet<string>(allIds, StringComparer.Ordinal);
        var cases = new SortedDictionary<string, BaselineCase>(fresh.Cases.ToDictionary(c => c.Key, c => c.Value), StringComparer.Ordinal);
        foreach (var kept in previous.Cases.Where(c => all.Contains(c.Key) && !selectedIds.Contains(c.Key)))
        {
            cases[kept.Key] = kept.Value;
        }

        return fresh with { Cases = cases };
    }
}
