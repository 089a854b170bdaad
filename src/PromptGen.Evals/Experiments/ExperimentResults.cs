using PromptGen.Evals.Results;
using PromptGen.Evals.Running;

namespace PromptGen.Evals.Experiments;

/// <summary>How often one assertion held in one arm's trials.</summary>
public sealed record AssertionScore(string Assertion, int Passed, int Total)
{
    public double Rate => Total == 0 ? 0 : (double)Passed / Total;
}

/// <summary>One arm's totals on one eval file.</summary>
public sealed record ArmSummary
{
    public int Cases { get; init; }

    public int Passed { get; init; }

    /// <summary>Cases whose trials hit an infrastructure error (no quality verdict).</summary>
    public int Errors { get; init; }

    public double PassRate => Cases == 0 ? 0 : (double)Passed / Cases;

    /// <summary>The 95 % Wilson interval of <see cref="PassRate"/>.</summary>
    public double PassRateLow { get; init; }

    public double PassRateHigh { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    /// <summary>Cost from the configured prices; null when no prices are configured.</summary>
    public decimal? Cost { get; init; }

    public long LatencyP50Ms { get; init; }

    public long LatencyP95Ms { get; init; }

    /// <summary>Trials whose output the parser had to repair.</summary>
    public int RepairedTrials { get; init; }

    public IReadOnlyList<AssertionScore> Assertions { get; init; } = Array.Empty<AssertionScore>();
}

/// <summary>One arm's results on one eval file.</summary>
public sealed record ArmResult(ExperimentArm Arm, string PromptSourcePath, IReadOnlyList<CaseResult> Cases, ArmSummary Summary);

/// <summary>An arm against the control arm on the same cases (exact McNemar).</summary>
/// <param name="Arm">The arm's id.</param>
/// <param name="Control">The control arm's id.</param>
/// <param name="Improved">Cases the arm passes and the control fails.</param>
/// <param name="Worsened">Cases the control passes and the arm fails.</param>
/// <param name="Paired">Cases both arms judged (no error in either).</param>
/// <param name="Difference">The arm's pass rate minus the control's, on the paired cases.</param>
/// <param name="PValue">The exact two-sided McNemar p-value.</param>
/// <param name="Significant">True when <paramref name="PValue"/> is at most the experiment's alpha.</param>
/// <param name="MinimumDetectableDifference">The smallest difference the test could call significant on these cases.</param>
public sealed record ArmComparison(string Arm, string Control, int Improved, int Worsened, int Paired, double Difference, double PValue, bool Significant, double MinimumDetectableDifference);

/// <summary>An experiment on one eval file: every arm, the comparisons with the control and the verdict line.</summary>
public sealed record ExperimentSuite
{
    public string EvalFile { get; init; } = string.Empty;

    public string PromptName { get; init; } = string.Empty;

    public string Control { get; init; } = string.Empty;

    public double Alpha { get; init; }

    public IReadOnlyList<ArmResult> Arms { get; init; } = Array.Empty<ArmResult>();

    public IReadOnlyList<ArmComparison> Comparisons { get; init; } = Array.Empty<ArmComparison>();

    /// <summary>The id of the arm that is significantly better than the control, or null when none is.</summary>
    public string? BetterArm { get; init; }

    /// <summary>One line that says what the experiment found, for the top of every report.</summary>
    public string Verdict { get; init; } = string.Empty;
}

/// <summary>What an experiment produced: one suite per eval file, findings located in the files, and the reports.</summary>
public sealed record ExperimentResult
{
    public IReadOnlyList<ExperimentSuite> Suites { get; init; } = Array.Empty<ExperimentSuite>();

    public IReadOnlyList<EvalFinding> Findings { get; init; } = Array.Empty<EvalFinding>();

    public IReadOnlyList<string> RecordingsWritten { get; init; } = Array.Empty<string>();

    /// <summary>The baselines written from the promoted arm (<see cref="ExperimentRequest.PromoteArm"/>).</summary>
    public IReadOnlyList<string> BaselinesWritten { get; init; } = Array.Empty<string>();

    /// <summary>The estimate made before the run (for modes that may call the model); null in replay.</summary>
    public ExperimentEstimate? Estimate { get; init; }

    /// <summary>The report files written (JSON, Markdown, HTML), or empty.</summary>
    public IReadOnlyList<string> Reports { get; init; } = Array.Empty<string>();

    public bool Passed => !System.Linq.Enumerable.Any(Findings, f => f.IsError);
}
