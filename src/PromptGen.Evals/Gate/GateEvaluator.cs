using PromptGen.Evals.Baselines;
using PromptGen.Evals.Results;
using PromptGen.Evals.Statistics;
using PromptGen.Language.Diagnostics;

namespace PromptGen.Evals.Gate;

/// <summary>
/// Applies the eval gate (PRODUCT §6) to a suite whose pass rules the runner has already applied.
/// <para>Per-case verdicts, first match wins: ERROR (an infrastructure error in any trial; never a regression) →
/// REGRESSED (passed in the baseline, fails now, and either the suite's drop is significant and beyond the tolerance,
/// or the guard holds: every baseline trial passed and every current trial fails) → INCONCLUSIVE (passed in the
/// baseline, fails now, the suite's drop is beyond the tolerance but not significant) → FLAKY (trials disagree) →
/// FAIL → NEW (passes, no baseline entry) → PASS. Baseline cases missing from the eval file are STALE.</para>
/// <para>Findings, in gate order: (1) PG1001 per failed critical case; (2) PG1001 when the pass rate is under the
/// floor; (3) PG1002 per regressed case plus one suite-level PG1002; (4) PG1003/PG1004 per errored case; then the
/// warnings PG1103 (inconclusive), PG1101 (flaky), PG1102 (new). The gate passes when there is no error finding.</para>
/// <para>The pass rate is over judged cases: errored cases are left out of the denominator because an outage is not a
/// quality drop; they fail the gate through PG1003/PG1004 instead.</para>
/// </summary>
public static class GateEvaluator
{
    public static SuiteResult Evaluate(SuiteResult suite, Baseline? baseline, GateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(settings));

        var cases = suite.Cases;
        var judged = cases.Where(c => !c.IsError).ToList();
        var passedCount = judged.Count(c => c.Passed);
        var passRate = judged.Count == 0 ? 1.0 : (double)passedCount / judged.Count;

        var paired = judged
            .Select(c => (Case: c, Base: baseline?.Find(c.CaseId)))
            .Where(p => p.Base is { Trials: > 0 })
            .Select(p => (p.Case, Base: p.Base!))
            .ToList();
        var worsened = paired.Count(p => p.Base.Passed && !p.Case.Passed);
        var improved = paired.Count(p => !p.Base.Passed && p.Case.Passed);
        var test = RegressionTest.Run(paired.Count, worsened, improved, settings.Alpha, settings.Tolerance);
        var comparable = baseline is null ? judged.Count : paired.Count;
        var detectable = DetectableDrop.For(comparable, settings.Alpha);

        var verdicts = cases.Select(c => c with { Verdict = CaseVerdict(c, baseline?.Find(c.CaseId), test) }).ToList();
        var findings = Findings(verdicts, baseline, settings, test, passRate, passedCount, judged.Count);

        var stale = baseline is null
            ? Array.Empty<string>()
            : baseline.Cases.Keys.Where(id => cases.All(c => c.CaseId != id)).OrderBy(id => id, StringComparer.Ordinal).ToArray();

        var outcome = new GateOutcome
        {
            Passed = findings.All(f => !f.IsError),
            Verdict = SuiteVerdict(verdicts, findings, baseline),
            PassRate = passRate,
            MinPassRate = settings.MinPassRate,
            SmallestDetectableDrop = detectable.Rate,
            PValue = baseline is null ? null : test.SignTest.PValue,
            Findings = findings,
            Tolerance = settings.Tolerance,
            Alpha = settings.Alpha,
            JudgedCases = judged.Count,
            PassedCases = passedCount,
            ErroredCases = cases.Count - judged.Count,
            HasBaseline = baseline is not null,
            BaselinePassRate = baseline is null || baseline.Cases.Count == 0
                ? null
                : (double)baseline.Cases.Values.Count(c => c.Passed) / baseline.Cases.Count,
            PairedCases = paired.Count,
            Worsened = worsened,
            Improved = improved,
            Drop = baseline is null ? null : test.Drop,
            ComparableCases = comparable,
            DetectableDropCases = detectable.MinimumCases,
            DropDetectable = detectable.IsDetectable,
        };

        return suite with { Cases = verdicts, StaleCaseIds = stale, Gate = outcome };
    }

    /// <summary>The regression guard: always passed in the baseline, always fails now (at least one trial, no errors).</summary>
    public static bool IsGuardRegression(CaseResult current, BaselineCase? baseline) =>
        baseline is not null
        && baseline.AlwaysPassed
        && !current.IsError
        && current.Trials.Count > 0
        && current.PassedTrials == 0;

    private static EvalVerdict CaseVerdict(CaseResult current, BaselineCase? baseline, RegressionTest test)
    {
        if (current.IsError) return EvalVerdict.Error;
        if (baseline is { Trials: > 0, Passed: true } && !current.Passed)
        {
            if (IsGuardRegression(current, baseline) || test.IsRegression) return EvalVerdict.Regressed;
            if (test.IsInconclusive) return EvalVerdict.Inconclusive;
        }

        if (current.PassedTrials > 0 && current.PassedTrials < current.Trials.Count) return EvalVerdict.Flaky;
        if (!current.Passed) return EvalVerdict.Fail;
        if (baseline is not { Trials: > 0 }) return EvalVerdict.New;
        return EvalVerdict.Pass;
    }

    private static IReadOnlyList<GateFinding> Findings(
        IReadOnlyList<CaseResult> cases,
        Baseline? baseline,
        GateSettings settings,
        RegressionTest test,
        double passRate,
        int passedCount,
        int judgedCount)
    {
        var findings = new List<GateFinding>();

        // (1) Critical cases pass whatever the baseline says. Errored critical cases are reported in step 4.
        foreach (var c in cases.Where(c => c.Critical && !c.IsError && !c.Passed))
        {
            var reason = CaseFailures.FirstReason(c);
            findings.Add(new GateFinding(
                DiagnosticDescriptors.EvalGateFailed.Id, true, c.Line, c.Column,
                $"Critical case '{c.CaseId}' failed ({c.PassedTrials} of {c.Trials.Count} trials passed, pass-when: {c.PassWhen})"
                + (reason is null ? "." : $": {reason}.")
                + " Critical cases must pass whatever the baseline says.",
                c.CaseId));
        }

        // (2) The pass-rate floor, over judged cases.
        if (judgedCount > 0 && passRate + ToleranceRule.Epsilon < settings.MinPassRate)
        {
            findings.Add(new GateFinding(
                DiagnosticDescriptors.EvalGateFailed.Id, true, settings.Line, settings.Column,
                $"Pass rate {GateFormat.Percent(passRate)} ({passedCount} of {judgedCount} judged cases) is under min-pass-rate {GateFormat.Percent(settings.MinPassRate)}."));
        }

        // (3) Regressions against the baseline.
        var regressed = cases.Where(c => c.Verdict == EvalVerdict.Regressed).ToList();
        var statistics = $"{test.SignTest.Worsened} of {test.Paired} paired cases went pass → fail and {test.SignTest.Improved} fail → pass; "
            + $"sign test p = {GateFormat.PValue(test.SignTest.PValue)} (alpha {GateFormat.Number(settings.Alpha)}), "
            + $"drop {GateFormat.Percent(Math.Max(test.Drop, 0.0))} (tolerance {GateFormat.Percent(settings.Tolerance)})";
        foreach (var c in regressed)
        {
            var b = baseline!.Find(c.CaseId)!;
            var why = IsGuardRegression(c, b) ? "it always passed and now always fails" : "the suite's drop is significant and beyond the tolerance";
            findings.Add(new GateFinding(
                DiagnosticDescriptors.EvalRegressed.Id, true, c.Line, c.Column,
                $"Case '{c.CaseId}' regressed: {b.PassedTrials} of {b.Trials} trials passed in the baseline, {c.PassedTrials} of {c.Trials.Count} now; {why}."
                + (CaseFailures.FirstReason(c) is { } reason ? $" First failure: {reason}." : string.Empty),
                c.CaseId));
        }

        if (regressed.Count > 0)
        {
            var guarded = regressed.Count(c => IsGuardRegression(c, baseline!.Find(c.CaseId)));
            findings.Add(new GateFinding(
                DiagnosticDescriptors.EvalRegressed.Id, true, settings.Line, settings.Column,
                $"{regressed.Count} case(s) regressed against the baseline"
                + (guarded > 0 ? $" ({guarded} always passed and now always fail)" : string.Empty)
                + $": {statistics}."));
        }

        // (4) Infrastructure errors: never regressions.
        foreach (var c in cases.Where(c => c.IsError))
        {
            var errorTrial = c.Trials.First(t => t.IsError);
            var missing = c.Trials.Any(t => t.IsError && t.ErrorId == DiagnosticDescriptors.RecordingMissing.Id);
            findings.Add(missing
                ? new GateFinding(
                    DiagnosticDescriptors.RecordingMissing.Id, true, c.Line, c.Column,
                    $"Case '{c.CaseId}': recording missing in replay mode ({c.Trials.First(t => t.ErrorId == DiagnosticDescriptors.RecordingMissing.Id).Error}). The prompt or case changed since it was recorded; record again (mode auto or record).",
                    c.CaseId)
                : new GateFinding(
                    DiagnosticDescriptors.EvalInfrastructureError.Id, true, c.Line, c.Column,
                    $"Case '{c.CaseId}' was not judged: provider or infrastructure error in trial {errorTrial.Trial} ({errorTrial.Error}). Errors are never counted as regressions.",
                    c.CaseId));
        }

        // Warnings.
        foreach (var c in cases.Where(c => c.Verdict == EvalVerdict.Inconclusive))
        {
            var detail = test.CanDetectTolerance
                ? $"the drop is beyond the tolerance but not significant: {statistics}"
                : $"this suite cannot detect a drop of the configured size: with {test.Paired} paired cases the smallest detectable drop is "
                  + (test.Detectable.IsDetectable ? GateFormat.Percent(test.Detectable.Rate) : $"none (needs {test.Detectable.MinimumCases} cases)")
                  + $" against a tolerance of {GateFormat.Percent(settings.Tolerance)}; {statistics}. Add cases or trials";
            findings.Add(new GateFinding(
                DiagnosticDescriptors.RegressionInconclusive.Id, false, c.Line, c.Column,
                $"Case '{c.CaseId}' passed in the baseline and fails now, but the regression is inconclusive: {detail}.",
                c.CaseId));
        }

        foreach (var c in cases.Where(c => c.Verdict == EvalVerdict.Flaky))
        {
            findings.Add(new GateFinding(
                DiagnosticDescriptors.FlakyCase.Id, false, c.Line, c.Column,
                $"Case '{c.CaseId}' is flaky: {c.PassedTrials} of {c.Trials.Count} trials passed (pass-when: {c.PassWhen}).",
                c.CaseId));
        }

        if (baseline is null)
        {
            if (cases.Count > 0)
            {
                findings.Add(new GateFinding(
                    DiagnosticDescriptors.NewCaseWithoutBaseline.Id, false, settings.Line, settings.Column,
                    $"No baseline yet: all {cases.Count} cases are new. Update the baseline to start tracking regressions."));
            }
        }
        else
        {
            foreach (var c in cases.Where(c => !c.IsError && baseline.Find(c.CaseId) is not { Trials: > 0 }))
            {
                findings.Add(new GateFinding(
                    DiagnosticDescriptors.NewCaseWithoutBaseline.Id, false, c.Line, c.Column,
                    $"Case '{c.CaseId}' is new: it has no baseline. Update the baseline to start tracking it.",
                    c.CaseId));
            }
        }

        return findings;
    }

    private static EvalVerdict SuiteVerdict(IReadOnlyList<CaseResult> cases, IReadOnlyList<GateFinding> findings, Baseline? baseline)
    {
        bool Any(EvalVerdict v) => cases.Any(c => c.Verdict == v);
        if (Any(EvalVerdict.Regressed)) return EvalVerdict.Regressed;
        if (findings.Any(f => f.Id == DiagnosticDescriptors.EvalGateFailed.Id)) return EvalVerdict.Fail;
        if (Any(EvalVerdict.Error)) return EvalVerdict.Error;
        if (Any(EvalVerdict.Inconclusive)) return EvalVerdict.Inconclusive;
        if (Any(EvalVerdict.Flaky)) return EvalVerdict.Flaky;
        if (baseline is null || Any(EvalVerdict.New)) return EvalVerdict.New;
        return EvalVerdict.Pass;
    }
}
