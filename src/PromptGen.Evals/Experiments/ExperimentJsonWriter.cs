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

    /// <summary>
    /// Each arm's pass rate in an earlier experiment's JSON file (for the chart over time); false, with what is wrong in
    /// <paramref name="problem"/>, when <paramref name="json"/> is not such a file.
    /// </summary>
    public static bool TryReadPassRates(string json, out IReadOnlyDictionary<string, double> rates, out string? problem)
    {
        var found = new SortedDictionary<string, double>(System.StringComparer.Ordinal);
        rates = found;
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("suites", out var suites) || suites.ValueKind != JsonValueKind.Array)
            {
                problem = "it has no \"suites\" array";
                return false;
            }

            foreach (var suite in suites.EnumerateArray())
            {
                if (suite.ValueKind != JsonValueKind.Object || !suite.TryGetProperty("arms", out var arms) || arms.ValueKind != JsonValueKind.Array)
                {
                    problem = "a suite has no \"arms\" array";
                    return false;
                }

                foreach (var arm in arms.EnumerateArray())
                {
                    if (arm.ValueKind != JsonValueKind.Object
                        || !arm.TryGetProperty("arm", out var name) || name.ValueKind != JsonValueKind.String
                        || !arm.TryGetProperty("passRate", out var passRate) || passRate.ValueKind != JsonValueKind.Number || !passRate.TryGetDouble(out var rate) || rate is not (>= 0 and <= 1))
                    {
                        problem = "an arm has no \"arm\" name and \"passRate\" from 0 to 1";
                        return false;
                    }

                    found[name.GetString()!] = rate;
                }
            }
        }
        catch (JsonException exception)
        {
            found.Clear();
            problem = $"it is not valid JSON (line {(exception.LineNumber ?? 0) + 1})";
            return false;
        }

        return true;
    }
}
