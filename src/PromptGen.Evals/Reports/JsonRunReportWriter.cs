using System.Text.Json;
using PromptGen.Evals.Baselines;
using PromptGen.Evals.Files;
using PromptGen.Evals.Results;

namespace PromptGen.Evals.Reports;

/// <summary>
/// The JSON run file: everything about the run, including rendered messages, model text, parsed output,
/// repairs, assertion outcomes, latencies, tokens and costs, the gate's figures and its findings.
/// Embedded JSON (rendered messages, output) is kept as text so a malformed value can never break the file.
/// </summary>
public static class JsonRunReportWriter
{
    public static string Render(EvalRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return JsonFileText.WriteObject(JsonFileText.Indented, json =>
        {
            json.WriteNumber("format", 1);
            if (run.Mode is not null) json.WriteString("mode", run.Mode);
            if (run.StartedAt is { } started) json.WriteString("startedAt", started);
            if (run.Duration is { } duration) json.WriteNumber("durationMs", Math.Round(duration.TotalMilliseconds, 3));
            json.WriteObjects("suites", run.Suites, WriteSuite);
        });
    }

    private static void WriteSuite(Utf8JsonWriter json, EvalRunSuite suite)
    {
        var r = suite.Result;
        json.WriteString("evalFile", r.EvalFile);
        json.WriteString("prompt", r.PromptName);
        if (suite.Target is not null) json.WriteString("target", suite.Target);
        if (r.Gate is { } gate) WriteGate(json, gate);
        json.WriteStrings("staleCases", r.StaleCaseIds);
        json.WriteObjects("cases", r.Cases, (json, c) => WriteCase(json, c, suite.Baseline?.Find(c.CaseId)));
    }

    private static void WriteGate(Utf8JsonWriter json, GateOutcome gate)
    {
        json.WriteStartObject("gate");
        json.WriteBoolean("passed", gate.Passed);
        json.WriteString("verdict", VerdictNames.Of(gate.Verdict));
        json.WriteNumber("passRate", gate.PassRate);
        json.WriteNumber("minPassRate", gate.MinPassRate);
        json.WriteNumber("tolerance", gate.Tolerance);
        json.WriteNumber("alpha", gate.Alpha);
        json.WriteNumber("judgedCases", gate.JudgedCases);
        json.WriteNumber("passedCases", gate.PassedCases);
        json.WriteNumber("erroredCases", gate.ErroredCases);
        json.WriteBoolean("hasBaseline", gate.HasBaseline);
        json.WriteNumberOrNull("baselinePassRate", gate.BaselinePassRate);
        json.WriteNumber("pairedCases", gate.PairedCases);
        json.WriteNumber("worsened", gate.Worsened);
        json.WriteNumber("improved", gate.Improved);
        json.WriteNumberOrNull("drop", gate.Drop);
        json.WriteNumberOrNull("pValue", gate.PValue);
        json.WriteStartObject("smallestDetectableDrop");
        json.WriteNumber("rate", gate.SmallestDetectableDrop);
        json.WriteNumber("cases", gate.DetectableDropCases);
        json.WriteNumber("of", gate.ComparableCases);
        json.WriteBoolean("detectable", gate.DropDetectable);
        json.WriteEndObject();
        json.WriteObjects("findings", gate.Findings, (json, f) =>
        {
            json.WriteString("id", f.Id);
            json.WriteString("severity", f.IsError ? "error" : "warning");
            json.WriteNumber("line", f.Line);
            json.WriteNumber("column", f.Column);
            json.WriteString("message", f.Message);
            if (f.CaseId is not null) json.WriteString("case", f.CaseId);
        });
        json.WriteEndObject();
    }

    private static void WriteCase(Utf8JsonWriter json, CaseResult c, BaselineCase? baseline)
    {
        json.WriteString("id", c.CaseId);
        json.WriteNumber("line", c.Line);
        json.WriteString("verdict", VerdictNames.Of(c.Verdict));
        json.WriteBoolean("passed", c.Passed);
        json.WriteBoolean("critical", c.Critical);
        json.WriteString("passWhen", c.PassWhen);
        json.WriteNumber("trialCount", c.Trials.Count);
        json.WriteNumber("passedTrials", c.PassedTrials);
        if (baseline is not null)
        {
            json.WriteStartObject("baseline");
            json.WriteNumber("trials", baseline.Trials);
            json.WriteNumber("passedTrials", baseline.PassedTrials);
            json.WriteBoolean("passed", baseline.Passed);
            json.WriteObjects("assertions", baseline.Assertions, (json, a) =>
            {
                json.WriteString("kind", a.Kind);
                json.WriteString("description", a.Description);
                json.WriteBoolean("gating", a.Gating);
                json.WriteNumber("passed", a.Passed);
            });
            json.WriteEndObject();
        }

        json.WriteObjects("trials", c.Trials, WriteTrial);
    }

    private static void WriteTrial(Utf8JsonWriter json, TrialResult t)
    {
        json.WriteNumber("trial", t.Trial);
        json.WriteBoolean("passed", t.Passed);
        if (t.Error is not null) json.WriteString("error", t.Error);
        if (t.ErrorId is not null) json.WriteString("errorId", t.ErrorId);
        json.WriteNumber("latencyMs", Math.Round(t.Latency.TotalMilliseconds, 3));
        if (t.InputTokens is { } input) json.WriteNumber("inputTokens", input);
        if (t.OutputTokens is { } output) json.WriteNumber("outputTokens", output);
        if (t.Cost is { } cost) json.WriteNumber("cost", cost);
        if (t.RenderedMessagesJson is not null) json.WriteString("renderedMessages", t.RenderedMessagesJson);
        if (t.ModelText is not null) json.WriteString("modelText", t.ModelText);
        if (t.OutputJson is not null) json.WriteString("output", t.OutputJson);
        json.WriteStrings("repairs", t.Repairs);
        json.WriteObjects("assertions", t.Assertions, (json, a) =>
        {
            json.WriteString("kind", a.Kind);
            json.WriteString("description", a.Description);
            json.WriteBoolean("passed", a.Passed);
            json.WriteBoolean("gating", a.Gating);
            if (a.Message is not null) json.WriteString("message", a.Message);
            if (a.Score is { } score && !double.IsNaN(score) && !double.IsInfinity(score)) json.WriteNumber("score", score);
            json.WriteNumber("line", a.Line);
        });
    }
}
