using System.Globalization;
using PromptGen.Evals.Results;

namespace PromptGen.Evals.Experiments;

/// <summary>Turns arms' case results into their summaries, the comparisons with the control and the verdict line.</summary>
internal static class ArmStatistics
{
    public static ArmSummary Summarize(IReadOnlyList<CaseResult> cases, bool priced)
    {
        var trials = cases.SelectMany(c => c.Trials).ToList();
        var judged = cases.Where(c => !c.IsError).ToList();
        var passed = judged.Count(c => c.Passed);
        var (low, high) = ExperimentStatistics.Wilson(passed, judged.Count);
        var latencies = trials.Where(t => !t.IsError).Select(t => (long)Math.Round(t.Latency.TotalMilliseconds)).OrderBy(l => l).ToArray();
        var assertions = trials
            .SelectMany(t => t.Assertions)
            .GroupBy(a => a.Kind + ": " + a.Description, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AssertionScore(g.Key, g.Count(a => a.Passed), g.Count()))
            .ToList();
        return new ArmSummary
        {
            Cases = judged.Count,
            Passed = passed,
            Errors = cases.Count - judged.Count,
            PassRateLow = low,
            PassRateHigh = high,
            InputTokens = trials.Sum(t => t.InputTokens ?? 0),
            OutputTokens = trials.Sum(t => t.OutputTokens ?? 0),
            Cost = priced ? trials.Sum(t => t.Cost ?? 0m) : null,
            LatencyP50Ms = ExperimentStatistics.Percentile(latencies, 50),
            LatencyP95Ms = ExperimentStatistics.Percentile(latencies, 95),
            RepairedTrials = trials.Count(t => t.Repairs.Count > 0),
            Assertions = assertions,
        };
    }

    public static ExperimentSuite Compare(string evalFile, string promptName, string controlId, double alpha, IReadOnlyList<ArmResult> arms)
    {
        var control = arms.First(a => a.Arm.Id == controlId);
        var controlCases = control.Cases.Where(c => !c.IsError).ToDictionary(c => c.CaseId, StringComparer.Ordinal);
        var comparisons = new List<ArmComparison>();
        foreach (var arm in arms.Where(a => a.Arm.Id != controlId))
        {
            var paired = arm.Cases.Where(c => !c.IsError && controlCases.ContainsKey(c.CaseId)).ToList();
            var improved = paired.Count(c => c.Passed && !controlCases[c.CaseId].Passed);
            var worsened = paired.Count(c => !c.Passed && controlCases[c.CaseId].Passed);
            var p = ExperimentStatistics.McNemarExact(improved, worsened);
            comparisons.Add(new ArmComparison(
                arm.Arm.Id,
                controlId,
                improved,
                worsened,
                paired.Count,
                paired.Count == 0 ? 0 : (double)(improved - worsened) / paired.Count,
                p,
                p <= alpha,
                ExperimentStatistics.MinimumDetectableDifference(paired.Count, alpha)));
        }

        var better = comparisons.Where(c => c.Significant && c.Difference > 0).OrderByDescending(c => c.Difference).ThenBy(c => c.Arm, StringComparer.Ordinal).FirstOrDefault();
        var worse = comparisons.Where(c => c.Significant && c.Difference < 0).Select(c => c.Arm).ToList();
        return new ExperimentSuite
        {
            EvalFile = evalFile.Replace('\\', '/'),
            PromptName = promptName,
            Control = controlId,
            Alpha = alpha,
            Arms = arms,
            Comparisons = comparisons,
            BetterArm = better?.Arm,
            Verdict = Verdict(control, arms, comparisons, better, worse, alpha),
        };
    }

    private static string Verdict(ArmResult control, IReadOnlyList<ArmResult> arms, List<ArmComparison> comparisons, ArmComparison? better, List<string> worse, double alpha)
    {
        string Rate(ArmResult arm) => $"{arm.Summary.Passed}/{arm.Summary.Cases}";
        if (comparisons.Count == 0) return $"Only one arm ran ({control.Arm.Id}: {Rate(control)} passed); add variants or models to compare.";
        if (better is not null)
        {
            var arm = arms.First(a => a.Arm.Id == better.Arm);
            return $"{better.Arm} is better than the control {control.Arm.Id}: {Rate(arm)} vs {Rate(control)} passed, "
                + $"{Points(better.Difference)} ({better.Improved} cases better, {better.Worsened} worse, exact McNemar {PValue(better.PValue)}, significant at {P(alpha)}).";
        }

        var largest = comparisons.OrderByDescending(c => Math.Abs(c.Difference)).ThenBy(c => c.Arm, StringComparer.Ordinal).First();
        var prefix = worse.Count > 0 ? $"No arm beats the control {control.Arm.Id}; worse: {string.Join(", ", worse)}. " : $"No arm differs significantly from the control {control.Arm.Id}. ";
        return prefix + $"Largest difference: {largest.Arm} {Points(largest.Difference)} ({largest.Improved} better, {largest.Worsened} worse, {PValue(largest.PValue)}); "
            + Detectable(largest.Paired, largest.MinimumDetectableDifference);
    }

    /// <summary>What the suite could have detected: a difference in pass rate, or none at all when it has too few cases.</summary>
    internal static string Detectable(int cases, double minimumDifference) => minimumDifference > 1
        ? $"with {cases} case{(cases == 1 ? string.Empty : "s")} no difference can be significant (at least {Math.Round(minimumDifference * cases)} cases must differ, all the same way)."
        : $"this suite can only detect differences of {Points(minimumDifference, signed: false)} or more.";

    internal static string Points(double difference, bool signed = true) =>
        (signed && difference > 0 ? "+" : string.Empty) + Math.Round(difference * 100, 1).ToString("0.#", CultureInfo.InvariantCulture) + " pp";

    /// <summary><c>p = 0.25</c>, or <c>p &lt; 0.0001</c> for the smallest values.</summary>
    internal static string PValue(double p) => p < 0.0001 ? "p < 0.0001" : "p = " + P(p);

    internal static string P(double p) => p < 0.0001 ? "<0.0001" : p.ToString("0.####", CultureInfo.InvariantCulture);
}
