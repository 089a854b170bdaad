using System.Text.Json;
using PromptGen.Evals.Files;
using PromptGen.Evals.Security;

namespace PromptGen.Evals.Experiments;

/// <summary>
/// The experiment's results as JSON. Holds nothing that changes between a recorded run and its replay (no times, no
/// mode; latencies are the recorded ones), so replaying the recordings reproduces the file byte for byte.
/// </summary>
public static class ExperimentJsonWriter
{
    public const string FileName = "promptgen-experiment.json";

    public static string Write(IReadOnlyList<ExperimentSuite> suites) => JsonFileText.WriteObject(JsonFileText.Indented, w =>
    {
        w.WriteNumber("version", 1);
        w.WriteObjects("suites", suites, WriteSuite);
    });

    private static void WriteSuite(Utf8JsonWriter w, ExperimentSuite suite)
    {
        w.WriteString("evalFile", suite.EvalFile);
        w.WriteString("prompt", suite.PromptName);
        w.WriteString("verdict", suite.Verdict);
        w.WriteStringOrNull("betterArm", suite.BetterArm);
        w.WriteString("control", suite.Control);
        w.WriteNumber("alpha", suite.Alpha);
        w.WriteObjects("arms", suite.Arms, WriteArm);
        w.WriteObjects("comparisons", suite.Comparisons, (w, c) =>
        {
            w.WriteString("arm", c.Arm);
            w.WriteString("control", c.Control);
            w.WriteNumber("paired", c.Paired);
            w.WriteNumber("improved", c.Improved);
            w.WriteNumber("worsened", c.Worsened);
            w.WriteNumber("difference", c.Difference);
            w.WriteNumber("pValue", c.PValue);
            w.WriteBoolean("significant", c.Significant);
            w.WriteNumber("minimumDetectableDifference", c.MinimumDetectableDifference);
        });
    }

    private static void WriteArm(Utf8JsonWriter w, ArmResult arm)
    {
        var s = arm.Summary;
        w.WriteString("arm", arm.Arm.Id);
        w.WriteString("prompt", arm.PromptSourcePath);
        w.WriteNumber("cases", s.Cases);
        w.WriteNumber("passed", s.Passed);
        w.WriteNumber("errors", s.Errors);
        w.WriteNumber("passRate", s.PassRate);
        w.WriteStartArray("passRateInterval95");
        w.WriteNumberValue(s.PassRateLow);
        w.WriteNumberValue(s.PassRateHigh);
        w.WriteEndArray();
        w.WriteNumber("inputTokens", s.InputTokens);
        w.WriteNumber("outputTokens", s.OutputTokens);
        w.WriteNumberOrNull("cost", s.Cost);
        w.WriteNumber("latencyP50Ms", s.LatencyP50Ms);
        w.WriteNumber("latencyP95Ms", s.LatencyP95Ms);
        w.WriteNumber("repairedTrials", s.RepairedTrials);
        w.WriteObjects("assertions", s.Assertions, (w, a) =>
        {
            w.WriteString("assertion", a.Assertion);
            w.WriteNumber("passed", a.Passed);
            w.WriteNumber("total", a.Total);
        });
        w.WriteObjects("cases", arm.Cases, (w, c) =>
        {
            w.WriteString("id", c.CaseId);
            w.WriteBoolean("passed", c.Passed);
            w.WriteBoolean("error", c.IsError);
            var last = c.Trials.Count == 0 ? null : c.Trials[c.Trials.Count - 1];
            w.WriteStringOrNull("output", last?.ModelText is { } text ? EvalSecrets.Scrub(text) : null);
        });
    }

    /// <summary>Each arm's pass rate in an earlier experiment's JSON file (for the chart over time); empty when unreadable.</summary>
    public static IReadOnlyDictionary<string, double> ReadPassRates(string json)
    {
        var rates = new SortedDictionary<string, double>(System.StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var suite in document.RootElement.GetProperty("suites").EnumerateArray())
            {
                foreach (var arm in suite.GetProperty("arms").EnumerateArray())
                {
                    rates[arm.GetProperty("arm").GetString()!] = arm.GetProperty("passRate").GetDouble();
                }
            }
        }
        catch (System.Exception exception) when (exception is JsonException or KeyNotFoundException or System.InvalidOperationException)
        {
            rates.Clear();
        }

        return rates;
    }
}
