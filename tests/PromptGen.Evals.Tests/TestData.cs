using System;
using System.Collections.Generic;
using System.Linq;
using PromptGen.Evals.Baselines;
using PromptGen.Evals.Results;

namespace PromptGen.Evals.Tests;

/// <summary>Builders for results and baselines.</summary>
internal static class TestData
{
    /// <summary>A case whose trials pass as given by <paramref name="trials"/> ('P' pass, 'F' fail, 'E' provider error, 'M' missing recording).</summary>
    public static CaseResult Case(string id, string trials, bool? passed = null, bool critical = false, int line = 10, string passWhen = "all")
    {
        var list = trials.Select((t, i) => new TrialResult
        {
            Trial = i,
            Passed = t == 'P',
            Error = t == 'E' ? "HTTP 503 from provider" : t == 'M' ? "no recording for request 3f2a" : null,
            ErrorId = t == 'E' ? "PG1004" : t == 'M' ? "PG1003" : null,
            Assertions = t is 'P' or 'F'
                ? new[]
                {
                    new AssertionOutcome("equals", "category equals billing", t == 'P', true, t == 'P' ? null : "expected billing, got shipping", Line: line + 2),
                    new AssertionOutcome("latency", "latency under 4000 ms", true, false, Line: line + 4),
                }
                : Array.Empty<AssertionOutcome>(),
            ModelText = "{\"category\":\"" + (t == 'P' ? "billing" : "shipping") + "\"}",
        }).ToArray();
        return new CaseResult
        {
            CaseId = id,
            Line = line,
            Column = 5,
            Critical = critical,
            PassWhen = passWhen,
            Trials = list,
            Passed = passed ?? (list.Length > 0 && list.All(t => t.Passed)),
        };
    }

    public static SuiteResult Suite(params CaseResult[] cases) => new()
    {
        EvalFile = "Prompts/TriageTicket.eval.yaml",
        PromptName = "TriageTicket",
        Cases = cases,
    };

    public static Baseline Baseline(params (string Id, int Trials, int PassedTrials, bool Passed)[] cases) => new()
    {
        Prompt = "TriageTicket",
        Cases = cases.ToDictionary(
            c => c.Id,
            c => new BaselineCase { Trials = c.Trials, PassedTrials = c.PassedTrials, Passed = c.Passed },
            StringComparer.Ordinal),
    };

    /// <summary>n cases named c00.. that all pass in the baseline (one trial each).</summary>
    public static IEnumerable<(string, int, int, bool)> AllPassed(int n, int trials = 1) =>
        Enumerable.Range(0, n).Select(i => ($"c{i:D2}", trials, trials, true));
}
