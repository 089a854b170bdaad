using PromptGen.Evals.Results;

namespace PromptGen.Evals.Reports;

/// <summary>Verdicts as reports print them: PASS, FAIL, REGRESSED, ...</summary>
public static class VerdictNames
{
    public static readonly EvalVerdict[] All =
    {
        EvalVerdict.Pass, EvalVerdict.Fail, EvalVerdict.Regressed, EvalVerdict.Flaky,
        EvalVerdict.Inconclusive, EvalVerdict.Error, EvalVerdict.Stale, EvalVerdict.New,
    };

    public static string Of(EvalVerdict verdict) => verdict.ToString().ToUpperInvariant();
}
