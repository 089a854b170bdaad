using PromptGen.Evals.Baselines;
using PromptGen.Evals.Results;

namespace PromptGen.Evals.Reports;

/// <summary>Everything the reports show about one eval run.</summary>
public sealed record EvalRun
{
    public IReadOnlyList<EvalRunSuite> Suites { get; init; } = Array.Empty<EvalRunSuite>();

    /// <summary>Recording mode (<c>replay</c>, <c>auto</c>, <c>record</c>, <c>live</c>, <c>off</c>).</summary>
    public string? Mode { get; init; }

    /// <summary>When the run started (reports may carry timestamps; baselines never do).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public TimeSpan? Duration { get; init; }
}

/// <summary>One suite of a run, gated, with the baseline it was compared against.</summary>
/// <param name="Result">The suite, after <see cref="Gate.GateEvaluator.Evaluate"/>.</param>
/// <param name="Baseline">The baseline it was compared against, or <c>null</c>.</param>
/// <param name="Target">The model or provider the suite ran against, when a run has several.</param>
public sealed record EvalRunSuite(SuiteResult Result, Baseline? Baseline = null, string? Target = null);
