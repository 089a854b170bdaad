using System.Net;
using PromptGen.Evals.Security;

namespace PromptGen.Evals.Experiments;

/// <summary>
/// The experiment as one self-contained HTML page (no scripts; the same content security policy as the eval report):
/// the verdict, the charts, then one row per case with the arms' outputs side by side, cases where arms differ first.
/// </summary>
public static class ExperimentHtmlWriter
{
    public const string FileName = "promptgen-experiment.html";

    public static string Write(IReadOnlyList<ExperimentSuite> suites, IReadOnlyList<IReadOnlyDictionary<string, double>> history)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
            .Append("<title>PromptGen experiment</title><style>")
            .Append("body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}")
            .Append("th{background:#f3f3f3}.pass{background:#e6f4ea}.fail{background:#fce8e6}.diff td:first-child{font-weight:bold}pre{white-space:pre-wrap;margin:0;font-size:12px;max-width:40em}.verdict{font-size:1.1em;font-weight:bold}")
            .Append("</style></head><body>\n<h1>PromptGen experiment</h1>\n");
        foreach (var suite in suites)
        {
            h.Append("<section><h2>").Append(E(suite.PromptName)).Append(" <small>").Append(E(suite.EvalFile)).Append("</small></h2>\n");
            h.Append("<p class=\"verdict\">").Append(E(suite.Verdict)).Append("</p>\n");
            h.Append(ExperimentCharts.PassRates(suite.Arms.Select(a => (a.Arm.Id, a.Summary.PassRate, a.Summary.PassRateLow, a.Summary.PassRateHigh)).ToList())).Append('\n');
            h.Append(ExperimentCharts.CostVersusPassRate(suite.Arms.Select(a => (a.Arm.Id, a.Summary.Cost, a.Summary.PassRate)).ToList())).Append('\n');
            if (history.Count > 0)
            {
                var runs = history.ToList();
                runs.Add(suite.Arms.ToDictionary(a => a.Arm.Id, a => a.Summary.PassRate));
                h.Append(ExperimentCharts.PassRateOverTime(runs)).Append('\n');
            }

            var ids = suite.Arms[0].Cases.Select(c => c.CaseId).ToList();
            var byArm = suite.Arms.Select(a => a.Cases.ToDictionary(c => c.CaseId, System.StringComparer.Ordinal)).ToList();
            bool Differs(string id) => byArm.Select(d => d.TryGetValue(id, out var c) && c.Passed).Distinct().Count() > 1;
            h.Append("<table><thead><tr><th>Case</th>");
            foreach (var arm in suite.Arms) h.Append("<th>").Append(E(arm.Arm.Id)).Append(arm.Arm.Id == suite.Control ? " (control)" : string.Empty).Append("</th>");
            h.Append("</tr></thead><tbody>\n");
            foreach (var id in ids.OrderBy(id => Differs(id) ? 0 : 1).ThenBy(id => ids.IndexOf(id)))
            {
                h.Append(Differs(id) ? "<tr class=\"diff\">" : "<tr>").Append("<td>").Append(E(id)).Append("</td>");
                foreach (var cases in byArm)
                {
                    if (!cases.TryGetValue(id, out var c))
                    {
                        h.Append("<td>—</td>");
                        continue;
                    }

                    var last = c.Trials.Count == 0 ? null : c.Trials[c.Trials.Count - 1];
                    var text = last?.Error ?? last?.ModelText ?? string.Empty;
                    h.Append(c.Passed ? "<td class=\"pass\">PASS" : c.IsError ? "<td class=\"fail\">ERROR" : "<td class=\"fail\">FAIL")
                        .Append("<pre>").Append(E(EvalSecrets.Scrub(text))).Append("</pre></td>");
                }

                h.Append("</tr>\n");
            }

            h.Append("</tbody></table></section>\n");
        }

        return h.Append("</body></html>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
