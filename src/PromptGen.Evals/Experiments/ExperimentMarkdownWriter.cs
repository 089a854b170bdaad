using System.Globalization;

namespace PromptGen.Evals.Experiments;

/// <summary>The experiment as Markdown for a pull-request comment: the verdict line on top, then one column per arm.</summary>
public static class ExperimentMarkdownWriter
{
    public const string FileName = "promptgen-experiment.md";

    public static string Write(IReadOnlyList<ExperimentSuite> suites)
    {
        var md = new StringBuilder();
        foreach (var suite in suites)
        {
            md.Append("**").Append(Escape(suite.Verdict)).Append("**\n\n");
            md.Append("### ").Append(Escape(suite.PromptName)).Append(" (").Append(Escape(suite.EvalFile)).Append(")\n\n");
            md.Append("| | ").Append(string.Join(" | ", suite.Arms.Select(a => "`" + a.Arm.Id + "`" + (a.Arm.Id == suite.Control ? " (control)" : string.Empty)))).Append(" |\n");
            md.Append("|---|").Append(string.Concat(suite.Arms.Select(_ => "---|"))).Append('\n');
            Row(md, "Pass rate (95 % CI)", suite.Arms.Select(a => $"{Pct(a.Summary.PassRate)} ({Pct(a.Summary.PassRateLow)}–{Pct(a.Summary.PassRateHigh)})"));
            Row(md, "Passed / cases", suite.Arms.Select(a => $"{a.Summary.Passed}/{a.Summary.Cases}" + (a.Summary.Errors > 0 ? $" ({a.Summary.Errors} errors)" : string.Empty)));
            Row(md, "vs control", suite.Arms.Select(a =>
            {
                var c = suite.Comparisons.FirstOrDefault(x => x.Arm == a.Arm.Id);
                return c is null ? "—" : $"{ArmStatistics.Points(c.Difference)}, {ArmStatistics.PValue(c.PValue)}{(c.Significant ? " ✔ significant" : string.Empty)}";
            }));
            Row(md, "Tokens in / out", suite.Arms.Select(a => $"{a.Summary.InputTokens} / {a.Summary.OutputTokens}"));
            Row(md, "Cost", suite.Arms.Select(a => a.Summary.Cost is decimal c ? "$" + c.ToString("0.######", CultureInfo.InvariantCulture) : "—"));
            Row(md, "Latency p50 / p95", suite.Arms.Select(a => $"{a.Summary.LatencyP50Ms} / {a.Summary.LatencyP95Ms} ms"));
            Row(md, "Repaired outputs", suite.Arms.Select(a => a.Summary.RepairedTrials.ToString(CultureInfo.InvariantCulture)));
            foreach (var assertion in suite.Arms.SelectMany(a => a.Summary.Assertions.Select(s => s.Assertion)).Distinct().OrderBy(s => s, System.StringComparer.Ordinal))
            {
                Row(md, Escape(assertion), suite.Arms.Select(a => a.Summary.Assertions.FirstOrDefault(s => s.Assertion == assertion) is { } s ? $"{s.Passed}/{s.Total}" : "—"));
            }

            var cases = suite.Comparisons.Count == 0 ? suite.Arms[0].Summary.Cases : suite.Comparisons.Max(c => c.Paired);
            md.Append("\nPaired exact McNemar test against the control on the same cases, α = ")
                .Append(suite.Alpha.ToString("0.###", CultureInfo.InvariantCulture))
                .Append("; ").Append(ArmStatistics.Detectable(cases, ExperimentStatistics.MinimumDetectableDifference(cases, suite.Alpha))).Append("\n\n");
        }

        return md.ToString();
    }

    private static void Row(StringBuilder md, string label, IEnumerable<string> cells) =>
        md.Append("| ").Append(label).Append(" | ").Append(string.Join(" | ", cells)).Append(" |\n");

    internal static string Pct(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
