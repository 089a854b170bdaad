using System.Net;
using PromptGen.Evals.Baselines;
using PromptGen.Evals.Gate;
using PromptGen.Evals.Results;

namespace PromptGen.Evals.Reports;

/// <summary>
/// A single self-contained HTML page (inline CSS, no scripts, no external assets): per suite the gate figures and
/// findings, per case its verdict, the diff against the baseline, and per trial the rendered messages, model text,
/// parsed output, repairs and assertions. Every piece of text is HTML-escaped.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:.5rem 0}"
        + "th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}pre{background:#f6f6f6;padding:.5rem;"
        + "white-space:pre-wrap;word-break:break-word;max-height:30rem;overflow:auto}.v{font-weight:bold;padding:0 .3rem;border-radius:3px}"
        + ".PASS,.NEW{background:#d4f7d4}.FAIL,.REGRESSED,.ERROR{background:#f9d0d0}.FLAKY,.INCONCLUSIVE,.STALE{background:#fbeec0}"
        + ".error{color:#a00}.warning{color:#850}details{margin:.3rem 0}summary{cursor:pointer}";

    public static string Render(EvalRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<title>PromptGen eval report</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>PromptGen eval report</h1>\n<p>");
        if (run.Mode is not null) html.Append("Mode: <code>").Append(E(run.Mode)).Append("</code>. ");
        if (run.StartedAt is { } started) html.Append("Started ").Append(E(started.ToString("u", System.Globalization.CultureInfo.InvariantCulture))).Append(". ");
        html.Append(run.Suites.Count).Append(" suite(s).</p>\n");
        html.Append(Experiments.ExperimentCharts.ForEvalRun(run));
        foreach (var suite in run.Suites) Suite(html, suite);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Suite(StringBuilder html, EvalRunSuite suite)
    {
        var r = suite.Result;
        html.Append("<section>\n<h2>").Append(E(r.EvalFile));
        if (suite.Target is not null) html.Append(" <small>(").Append(E(suite.Target)).Append(")</small>");
        html.Append("</h2>\n<p>Prompt <code>").Append(E(r.PromptName)).Append("</code></p>\n");
        if (r.Gate is { } gate)
        {
            html.Append("<p>").Append(Verdict(gate.Verdict)).Append(" gate ").Append(gate.Passed ? "passed" : "failed").Append("</p>\n<table>\n");
            Row(html, "Pass rate", $"{GateFormat.Percent(gate.PassRate)} ({gate.PassedCases} of {gate.JudgedCases} judged; floor {GateFormat.Percent(gate.MinPassRate)})");
            Row(html, "Baseline pass rate", gate.BaselinePassRate is { } b ? GateFormat.Percent(b) : "no baseline");
            if (gate.PValue is { } p)
            {
                Row(html, "Sign test", $"{gate.Worsened} pass → fail, {gate.Improved} fail → pass of {gate.PairedCases}; p = {GateFormat.PValue(p)} (alpha {GateFormat.Number(gate.Alpha)})");
                Row(html, "Drop", $"{GateFormat.Percent(gate.Drop ?? 0)} (tolerance {GateFormat.Percent(gate.Tolerance)})");
            }

            Row(html, "Smallest detectable drop", GateFormat.DetectableDrop(gate));
            html.Append("</table>\n");
            if (gate.Findings.Count > 0)
            {
                html.Append("<ul>\n");
                foreach (var f in gate.Findings)
                {
                    html.Append("<li class=\"").Append(f.IsError ? "error" : "warning").Append("\">").Append(E(f.Id))
                        .Append(" (line ").Append(f.Line).Append("): ").Append(E(f.Message)).Append("</li>\n");
                }

                html.Append("</ul>\n");
            }
        }

        html.Append("<table>\n<tr><th>Case</th><th>Verdict</th><th>Trials passed</th><th>Baseline</th><th>First failure</th></tr>\n");
        foreach (var c in r.Cases)
        {
            var b = suite.Baseline?.Find(c.CaseId);
            html.Append("<tr><td><a href=\"#").Append(E(Anchor(r.EvalFile, suite.Target, c.CaseId))).Append("\">").Append(E(c.CaseId)).Append("</a>")
                .Append(c.Critical ? " (critical)" : string.Empty).Append("</td><td>").Append(Verdict(c.Verdict)).Append("</td><td>")
                .Append(c.PassedTrials).Append(" / ").Append(c.Trials.Count).Append("</td><td>")
                .Append(b is null ? "—" : $"{b.PassedTrials} / {b.Trials}").Append("</td><td>")
                .Append(E(CaseFailures.FirstReason(c) ?? string.Empty)).Append("</td></tr>\n");
        }

        foreach (var stale in r.StaleCaseIds)
        {
            html.Append("<tr><td>").Append(E(stale)).Append("</td><td>").Append(Verdict(EvalVerdict.Stale))
                .Append("</td><td>—</td><td>in baseline</td><td>no longer in the eval file</td></tr>\n");
        }

        html.Append("</table>\n");
        foreach (var c in r.Cases) Case(html, r.EvalFile, suite.Target, c, suite.Baseline?.Find(c.CaseId));
        html.Append("</section>\n");
    }

    private static void Case(StringBuilder html, string evalFile, string? target, CaseResult c, BaselineCase? baseline)
    {
        html.Append("<details id=\"").Append(E(Anchor(evalFile, target, c.CaseId))).Append("\"><summary>").Append(Verdict(c.Verdict)).Append(' ')
            .Append(E(c.CaseId)).Append(" (line ").Append(c.Line).Append(", pass-when ").Append(E(c.PassWhen)).Append(")</summary>\n");

        // Diff against the baseline: per-assertion pass counts then and now.
        if (baseline is not null)
        {
            var now = BaselineBuilder.FromCase(c);
            html.Append("<table>\n<tr><th>Against the baseline</th><th>Baseline</th><th>Now</th></tr>\n");
            DiffRow(html, "passed trials", $"{baseline.PassedTrials} / {baseline.Trials}", $"{now.PassedTrials} / {now.Trials}");
            DiffRow(html, "case passed", baseline.Passed ? "yes" : "no", c.Passed ? "yes" : "no");
            foreach (var name in baseline.Assertions.Select(a => a.Description).Union(now.Assertions.Select(a => a.Description)))
            {
                var then = baseline.Assertions.FirstOrDefault(a => a.Description == name);
                var current = now.Assertions.FirstOrDefault(a => a.Description == name);
                DiffRow(html, name, then is null ? "—" : $"{then.Passed} / {baseline.Trials}", current is null ? "—" : $"{current.Passed} / {now.Trials}");
            }

            html.Append("</table>\n");
        }

        foreach (var t in c.Trials)
        {
            html.Append("<h4>Trial ").Append(t.Trial).Append(": ").Append(t.IsError ? "error" : t.Passed ? "passed" : "failed")
                .Append(" <small>").Append(Math.Round(t.Latency.TotalMilliseconds)).Append(" ms");
            if (t.InputTokens is { } inTok) html.Append(", ").Append(inTok).Append(" in");
            if (t.OutputTokens is { } outTok) html.Append(", ").Append(outTok).Append(" out");
            if (t.Cost is { } cost) html.Append(", cost ").Append(cost.ToString(System.Globalization.CultureInfo.InvariantCulture));
            html.Append("</small></h4>\n");
            if (t.Error is not null) html.Append("<p class=\"error\">").Append(E(t.ErrorId ?? "error")).Append(": ").Append(E(t.Error)).Append("</p>\n");
            if (t.Assertions.Count > 0)
            {
                html.Append("<table>\n<tr><th>Assertion</th><th>Result</th><th>Message</th><th>Score</th></tr>\n");
                foreach (var a in t.Assertions)
                {
                    html.Append("<tr><td>").Append(a.Gating ? "assert " : "check ").Append(E(a.Description)).Append("</td><td>")
                        .Append(a.Passed ? "passed" : "<b>failed</b>").Append("</td><td>").Append(E(a.Message ?? string.Empty)).Append("</td><td>")
                        .Append(a.Score is { } s ? E(GateFormat.Number(s)) : string.Empty).Append("</td></tr>\n");
                }

                html.Append("</table>\n");
            }

            if (t.Repairs.Count > 0)
            {
                html.Append("<p>Repairs:</p>\n<ul>\n");
                foreach (var repair in t.Repairs) html.Append("<li>").Append(E(repair)).Append("</li>\n");
                html.Append("</ul>\n");
            }

            Block(html, "Rendered messages", t.RenderedMessagesJson);
            Block(html, "Model text", t.ModelText);
            Block(html, "Parsed output", t.OutputJson);
        }

        html.Append("</details>\n");
    }

    private static void Block(StringBuilder html, string title, string? text)
    {
        if (text is null) return;
        html.Append("<details><summary>").Append(E(title)).Append("</summary><pre>").Append(E(text)).Append("</pre></details>\n");
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");

    private static void DiffRow(StringBuilder html, string name, string then, string now) =>
        html.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(E(then)).Append("</td><td>")
            .Append(then == now ? E(now) : "<b>" + E(now) + "</b>").Append("</td></tr>\n");

    private static string Verdict(EvalVerdict verdict)
    {
        var name = VerdictNames.Of(verdict);
        return $"<span class=\"v {name}\">{name}</span>";
    }

    private static string Anchor(string evalFile, string? target, string caseId) => $"case-{evalFile}-{target}-{caseId}";

    /// <summary>HTML-escapes text for element content and quoted attributes (&amp; &lt; &gt; &quot; &#39;).</summary>
    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
