using System.Globalization;
using System.Net;

namespace PromptGen.Evals.Experiments;

/// <summary>
/// Inline SVG charts (no scripts, no external resources: allowed by the reports' content security policy): pass rate
/// with its 95 % interval per arm, cost against pass rate, and pass rate over earlier runs.
/// </summary>
public static class ExperimentCharts
{
    private const int Width = 560;
    private const int RowHeight = 26;
    private const int Left = 180;

    /// <summary>One horizontal bar per arm (pass rate) with its interval as a whisker.</summary>
    public static string PassRates(IReadOnlyList<(string Label, double Rate, double Low, double High)> arms)
    {
        var height = 30 + arms.Count * RowHeight;
        var svg = Open(height, "Pass rate with 95 % interval per arm");
        // Room on the right for the label after a whisker that reaches 100 %.
        var plot = Width - Left - 48;
        for (var i = 0; i < arms.Count; i++)
        {
            var (label, rate, low, high) = arms[i];
            var y = 10 + i * RowHeight;
            svg.Append($"<text x=\"{Left - 8}\" y=\"{y + 15}\" text-anchor=\"end\" font-size=\"12\">{Text(label)}</text>");
            svg.Append($"<rect x=\"{Left}\" y=\"{y + 4}\" width=\"{N(rate * plot)}\" height=\"14\" fill=\"#4c78a8\"><title>{Text(label)}: {Pct(rate)} ({Pct(low)}–{Pct(high)})</title></rect>");
            svg.Append($"<line x1=\"{N(Left + low * plot)}\" x2=\"{N(Left + high * plot)}\" y1=\"{y + 11}\" y2=\"{y + 11}\" stroke=\"#222\" stroke-width=\"2\"/>");
            svg.Append($"<text x=\"{N(Left + high * plot + 4)}\" y=\"{y + 15}\" font-size=\"11\">{Pct(rate)}</text>");
        }

        Axis(svg, height - 16, plot);
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Cost (x) against pass rate (y), one labelled point per arm; empty when no arm has a cost.</summary>
    public static string CostVersusPassRate(IReadOnlyList<(string Label, decimal? Cost, double Rate)> arms)
    {
        var priced = arms.Where(a => a.Cost is not null).ToList();
        if (priced.Count == 0) return string.Empty;
        const int height = 220;
        var svg = Open(height, "Cost against pass rate per arm");
        var max = (double)priced.Max(a => a.Cost!.Value);
        if (max <= 0) max = 1;
        svg.Append($"<line x1=\"50\" y1=\"190\" x2=\"{Width - 20}\" y2=\"190\" stroke=\"#888\"/><line x1=\"50\" y1=\"10\" x2=\"50\" y2=\"190\" stroke=\"#888\"/>");
        svg.Append($"<text x=\"{Width / 2}\" y=\"212\" font-size=\"11\" text-anchor=\"middle\">cost (max {Text(Money(max))})</text>");
        svg.Append("<text x=\"12\" y=\"100\" font-size=\"11\" transform=\"rotate(-90 12 100)\" text-anchor=\"middle\">pass rate</text>");
        foreach (var (label, cost, rate) in priced)
        {
            var x = 50 + (double)cost!.Value / max * (Width - 90);
            var y = 190 - rate * 180;
            svg.Append($"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"5\" fill=\"#f58518\"><title>{Text(label)}: {Pct(rate)}, {Text(Money((double)cost.Value))}</title></circle>");
            // Labels of points in the right half go to their left, and none above the top, so none is cut off.
            var anchor = x > Width / 2.0 ? $"x=\"{N(x - 7)}\" text-anchor=\"end\"" : $"x=\"{N(x + 7)}\"";
            svg.Append($"<text {anchor} y=\"{N(Math.Max(y - 6, 12))}\" font-size=\"11\">{Text(label)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Pass rate per arm over runs (earlier runs first, this run last); empty with fewer than two runs.</summary>
    public static string PassRateOverTime(IReadOnlyList<IReadOnlyDictionary<string, double>> runs)
    {
        if (runs.Count < 2) return string.Empty;
        const int height = 220;
        var svg = Open(height, "Pass rate over runs");
        var step = (Width - 90.0) / (runs.Count - 1);
        svg.Append($"<line x1=\"50\" y1=\"190\" x2=\"{Width - 20}\" y2=\"190\" stroke=\"#888\"/><line x1=\"50\" y1=\"10\" x2=\"50\" y2=\"190\" stroke=\"#888\"/>");
        string[] colours = { "#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2" };
        var arms = runs.SelectMany(r => r.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        for (var a = 0; a < arms.Count; a++)
        {
            var points = new List<string>();
            for (var i = 0; i < runs.Count; i++)
            {
                if (runs[i].TryGetValue(arms[a], out var rate)) points.Add($"{N(50 + i * step)},{N(190 - rate * 180)}");
            }

            svg.Append($"<polyline fill=\"none\" stroke=\"{colours[a % colours.Length]}\" stroke-width=\"2\" points=\"{string.Join(" ", points)}\"><title>{Text(arms[a])}</title></polyline>");
            svg.Append($"<text x=\"{Width - 150}\" y=\"{20 + a * 14}\" font-size=\"11\" fill=\"{colours[a % colours.Length]}\">{Text(arms[a])}</text>");
        }

        for (var i = 0; i < runs.Count; i++) svg.Append($"<text x=\"{N(50 + i * step)}\" y=\"205\" font-size=\"10\" text-anchor=\"middle\">{(i == runs.Count - 1 ? "now" : (i + 1).ToString(CultureInfo.InvariantCulture))}</text>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The eval report's chart: each suite's pass rate of judged cases with its 95 % Wilson interval.</summary>
    public static string ForEvalRun(Reports.EvalRun run)
    {
        var suites = run.Suites.Where(s => s.Result.Gate is not null).Select(s =>
        {
            var gate = s.Result.Gate!;
            var (low, high) = ExperimentStatistics.Wilson(gate.PassedCases, gate.JudgedCases);
            return (s.Result.EvalFile.Replace('\\', '/'), gate.JudgedCases == 0 ? 0 : (double)gate.PassedCases / gate.JudgedCases, low, high);
        }).ToList();
        return suites.Count == 0 ? string.Empty : PassRates(suites) + "\n";
    }

    private static StringBuilder Open(int height, string title) => new StringBuilder()
        .Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\">")
        .Append("<title>").Append(Text(title)).Append("</title>");

    private static void Axis(StringBuilder svg, int y, int plot)
    {
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            var x = Left + tick / 100.0 * plot;
            svg.Append($"<line x1=\"{N(x)}\" x2=\"{N(x)}\" y1=\"{y - 4}\" y2=\"{y}\" stroke=\"#888\"/><text x=\"{N(x)}\" y=\"{y + 12}\" font-size=\"10\" text-anchor=\"middle\">{tick} %</text>");
        }
    }

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Pct(double rate) => ExperimentMarkdownWriter.Pct(rate);

    private static string Money(double value) => "$" + value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}
