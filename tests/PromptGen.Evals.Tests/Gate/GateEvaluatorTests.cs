using System;
using System.Linq;
using PromptGen.Evals.Gate;
using PromptGen.Evals.Results;
using static PromptGen.Evals.Tests.TestData;

namespace PromptGen.Evals.Tests.Gate;

public class GateEvaluatorTests
{
    private static readonly GateSettings Default = new() { MinPassRate = 0.0, Tolerance = 0.05, Alpha = 0.05, Line = 40, Column = 1 };

    private static CaseResult[] Cases(int n, Func<int, string> trials, int trialsPerCase = 1) =>
        Enumerable.Range(0, n).Select(i => Case($"c{i:D2}", trials(i), line: 10 + i)).ToArray();

    [Fact]
    public void All_passing_with_baseline_is_pass()
    {
        var result = GateEvaluator.Evaluate(Suite(Cases(3, _ => "P")), Baseline(AllPassed(3).ToArray()), Default);
        Assert.All(result.Cases, c => Assert.Equal(EvalVerdict.Pass, c.Verdict));
        Assert.True(result.Gate!.Passed);
        Assert.Equal(EvalVerdict.Pass, result.Gate.Verdict);
        Assert.Empty(result.Gate.Findings);
        Assert.Equal(1.0, result.Gate.PValue);
    }

    [Fact]
    public void Without_baseline_cases_are_new_and_one_suite_warning_is_given()
    {
        var result = GateEvaluator.Evaluate(Suite(Case("a", "P"), Case("b", "F")), null, Default);
        Assert.Equal(EvalVerdict.New, result.Cases[0].Verdict);
        Assert.Equal(EvalVerdict.Fail, result.Cases[1].Verdict);
        var finding = Assert.Single(result.Gate!.Findings);
        Assert.Equal("PG1102", finding.Id);
        Assert.False(finding.IsError);
        Assert.Equal(40, finding.Line);
        Assert.True(result.Gate.Passed);
        Assert.Null(result.Gate.PValue);
        Assert.Equal(EvalVerdict.New, result.Gate.Verdict);
    }

    [Fact]
    public void Guard_makes_always_pass_to_always_fail_a_regression_in_any_suite_size()
    {
        // One case of twenty flips: the sign test alone (p = 0.5) would never flag it.
        var cases = Cases(20, i => i == 3 ? "FFF" : "PPP");
        var result = GateEvaluator.Evaluate(Suite(cases), Baseline(AllPassed(20, trials: 3).ToArray()), Default);
        Assert.Equal(EvalVerdict.Regressed, result.Cases[3].Verdict);
        Assert.False(result.Gate!.Passed);
        Assert.Equal(EvalVerdict.Regressed, result.Gate.Verdict);
        var perCase = result.Gate.Findings.Single(f => f.Id == "PG1002" && f.CaseId == "c03");
        Assert.Equal(13, perCase.Line);
        Assert.Contains("always passed and now always fails", perCase.Message);
        Assert.Contains(result.Gate.Findings, f => f.Id == "PG1002" && f.CaseId is null && f.Line == 40);
    }

    [Fact]
    public void Guard_needs_every_baseline_trial_to_have_passed()
    {
        // The baseline passed 2 of 3 (majority) and now fails all: no guard, and 1 of 20 is not significant.
        var cases = Cases(20, i => i == 3 ? "FFF" : "PPP");
        var baseline = Baseline(AllPassed(20, 3).Select(c => c.Item1 == "c03" ? ("c03", 3, 2, true) : c).ToArray());
        var result = GateEvaluator.Evaluate(Suite(cases), baseline, Default);
        Assert.NotEqual(EvalVerdict.Regressed, result.Cases[3].Verdict);
        Assert.Equal(EvalVerdict.Fail, result.Cases[3].Verdict); // drop 5% is within the 5% tolerance
        Assert.True(result.Gate!.Passed);
    }

    [Fact]
    public void Significant_drop_beyond_tolerance_regresses_every_worsened_case()
    {
        // 5 of 20 flip pass → fail with partial trials (no guard): p = 1/32 ≤ 0.05, drop 25% > 5%.
        var cases = Cases(20, i => i < 5 ? "PFF" : "PPP");
        var baseline = Baseline(AllPassed(20, 3).ToArray());
        var result = GateEvaluator.Evaluate(Suite(cases), baseline, Default);
        Assert.Equal(5, result.Cases.Count(c => c.Verdict == EvalVerdict.Regressed));
        Assert.Equal(0.03125, result.Gate!.PValue);
        Assert.Equal(5, result.Gate.Worsened);
        Assert.Equal(0.25, result.Gate.Drop!.Value, 12);
        Assert.False(result.Gate.Passed);
    }

    [Fact]
    public void Significant_drop_within_tolerance_is_a_plain_fail()
    {
        var cases = Cases(20, i => i < 5 ? "PFF" : "PPP");
        var result = GateEvaluator.Evaluate(Suite(cases), Baseline(AllPassed(20, 3).ToArray()), Default with { Tolerance = 0.25 });
        Assert.All(result.Cases.Take(5), c => Assert.Equal(EvalVerdict.Flaky, c.Verdict)); // trials disagree
        Assert.DoesNotContain(result.Gate!.Findings, f => f.Id == "PG1002");
        Assert.True(result.Gate.Passed);
    }

    [Fact]
    public void Drop_beyond_tolerance_that_is_not_significant_is_inconclusive_with_PG1103()
    {
        // 4 of 10 flip (partial trials): p = 1/16 > 0.05; 10 cases cannot detect less than a 50% drop.
        var cases = Cases(10, i => i < 4 ? "PFF" : "PPP");
        var result = GateEvaluator.Evaluate(Suite(cases), Baseline(AllPassed(10, 3).ToArray()), Default);
        Assert.Equal(4, result.Cases.Count(c => c.Verdict == EvalVerdict.Inconclusive));
        var warnings = result.Gate!.Findings.Where(f => f.Id == "PG1103").ToList();
        Assert.Equal(4, warnings.Count);
        Assert.All(warnings, w => Assert.False(w.IsError));
        Assert.Contains("cannot detect a drop of the configured size", warnings[0].Message);
        Assert.Contains("50%", warnings[0].Message);
        Assert.True(result.Gate.Passed);
        Assert.Equal(EvalVerdict.Inconclusive, result.Gate.Verdict);
    }

    [Fact]
    public void Improvements_offset_worsened_cases_in_the_sign_test()
    {
        // 5 worsened, 3 improved of 50: p = P(X ≥ 5 | 8) = 93/256, drop 4% within tolerance.
        var cases = Cases(50, i => i < 5 ? "PFF" : "PPP");
        var baseline = Baseline(AllPassed(50, 3).Select((c, i) => i is >= 5 and < 8 ? (c.Item1, 3, 0, false) : c).ToArray());
        var result = GateEvaluator.Evaluate(Suite(cases), baseline, Default);
        Assert.Equal(93.0 / 256.0, result.Gate!.PValue);
        Assert.Equal(3, result.Gate.Improved);
        Assert.DoesNotContain(result.Cases, c => c.Verdict == EvalVerdict.Regressed);
    }

    [Fact]
    public void Errors_are_error_never_regressed_and_leave_the_pass_rate()
    {
        var cases = new[] { Case("a", "EEE", line: 10), Case("b", "PMP", line: 20), Case("c", "PPP", line: 30), Case("d", "FFF", line: 40) };
        var baseline = Baseline(("a", 3, 3, true), ("b", 3, 3, true), ("c", 3, 3, true), ("d", 3, 0, false));
        var result = GateEvaluator.Evaluate(Suite(cases), baseline, Default);
        Assert.Equal(EvalVerdict.Error, result.Cases[0].Verdict);
        Assert.Equal(EvalVerdict.Error, result.Cases[1].Verdict);
        Assert.Equal("PG1004", result.Gate!.Findings.Single(f => f.CaseId == "a").Id);
        Assert.Equal("PG1003", result.Gate.Findings.Single(f => f.CaseId == "b").Id);
        Assert.DoesNotContain(result.Gate.Findings, f => f.Id == "PG1002");
        Assert.Equal(2, result.Gate.JudgedCases);
        Assert.Equal(0.5, result.Gate.PassRate);
        Assert.Equal(2, result.Gate.ErroredCases);
        Assert.False(result.Gate.Passed);
        Assert.Equal(EvalVerdict.Error, result.Gate.Verdict);
    }

    [Fact]
    public void Critical_case_failing_is_PG1001_at_its_line_even_without_baseline()
    {
        var result = GateEvaluator.Evaluate(Suite(Case("x", "F", critical: true, line: 17), Case("y", "P")), null, Default);
        var finding = result.Gate!.Findings.First();
        Assert.Equal("PG1001", finding.Id);
        Assert.Equal(17, finding.Line);
        Assert.Equal(5, finding.Column);
        Assert.Contains("expected billing, got shipping", finding.Message);
        Assert.False(result.Gate.Passed);
        Assert.Equal(EvalVerdict.Fail, result.Gate.Verdict);
    }

    [Fact]
    public void Pass_rate_floor_is_PG1001_at_the_gate_line()
    {
        var cases = Cases(10, i => i < 2 ? "F" : "P");
        var result = GateEvaluator.Evaluate(Suite(cases), null, Default with { MinPassRate = 0.9 });
        var finding = result.Gate!.Findings.Single(f => f.Id == "PG1001");
        Assert.Equal(40, finding.Line);
        Assert.Contains("80%", finding.Message);
        Assert.Contains("90%", finding.Message);
        Assert.False(result.Gate.Passed);

        var atFloor = GateEvaluator.Evaluate(Suite(Cases(10, i => i < 1 ? "F" : "P")), null, Default with { MinPassRate = 0.9 });
        Assert.True(atFloor.Gate!.Passed);
    }

    [Fact]
    public void Findings_follow_gate_order()
    {
        var cases = new[]
        {
            Case("err", "E", line: 10),
            Case("flaky", "PF", line: 20, passed: true, passWhen: "at-least:1"),
            Case("crit", "F", critical: true, line: 30),
            Case("reg", "F", line: 50),
            Case("new", "P", line: 60),
        };
        var baseline = Baseline(("err", 1, 1, true), ("flaky", 2, 2, true), ("crit", 1, 1, true), ("reg", 1, 1, true), ("gone", 1, 1, true));
        var result = GateEvaluator.Evaluate(Suite(cases), baseline, Default with { MinPassRate = 0.9 });
        var ids = result.Gate!.Findings.Select(f => f.Id + ":" + (f.CaseId ?? "suite")).ToArray();
        Assert.Equal(
            new[] { "PG1001:crit", "PG1001:suite", "PG1002:crit", "PG1002:reg", "PG1002:suite", "PG1004:err", "PG1101:flaky", "PG1102:new" },
            ids);
        Assert.Equal(new[] { "gone" }, result.StaleCaseIds);
        Assert.Equal(EvalVerdict.Regressed, result.Gate.Verdict);
    }

    [Fact]
    public void Every_run_reports_the_smallest_detectable_drop()
    {
        var noBaseline = GateEvaluator.Evaluate(Suite(Cases(20, _ => "P")), null, Default);
        Assert.Equal(0.25, noBaseline.Gate!.SmallestDetectableDrop);
        Assert.Equal(20, noBaseline.Gate.ComparableCases);
        Assert.True(noBaseline.Gate.DropDetectable);

        var tiny = GateEvaluator.Evaluate(Suite(Cases(3, _ => "P")), Baseline(AllPassed(3).ToArray()), Default);
        Assert.False(tiny.Gate!.DropDetectable);
        Assert.Equal(5, tiny.Gate.DetectableDropCases);
        Assert.Contains("none", GateFormat.DetectableDrop(tiny.Gate));
    }

    [Fact]
    public void Invalid_settings_are_rejected_with_a_message()
    {
        var ex = Assert.Throws<ArgumentException>(() => GateEvaluator.Evaluate(Suite(), null, new GateSettings { Alpha = 0 }));
        Assert.Contains("alpha", ex.Message);
        Assert.NotEmpty(new GateSettings { MinPassRate = 1.5 }.Validate());
        Assert.Empty(new GateSettings().Validate());
    }

    [Fact]
    public void Empty_suite_passes_vacuously()
    {
        var result = GateEvaluator.Evaluate(Suite(), null, Default with { MinPassRate = 1.0 });
        Assert.True(result.Gate!.Passed);
        Assert.Equal(1.0, result.Gate.PassRate);
    }
}
