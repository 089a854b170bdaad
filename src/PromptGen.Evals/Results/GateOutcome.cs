namespace PromptGen.Evals.Results;

/// <summary>A problem found by the gate or the run, reported as an MSBuild diagnostic at the eval file's line.</summary>
/// <param name="Id">PG1001–PG1004 (errors) or PG1101–PG1103 (warnings).</param>
/// <param name="Line">Line in the eval file (the case's <c>id</c>, or the <c>gate</c> key for suite-level problems).</param>
/// <param name="IsError">Error (fails the build) or warning.</param>
/// <param name="Column">Column in the eval file.</param>
/// <param name="Message">What happened and what to do.</param>
/// <param name="CaseId">The case concerned, if any.</param>
public sealed record GateFinding(string Id, bool IsError, int Line, int Column, string Message, string? CaseId = null);

/// <summary>The gate's decision for a suite (PRODUCT §6): critical cases, pass-rate floor, regressions, errors.</summary>
public sealed record GateOutcome
{
    public bool Passed { get; init; }

    public EvalVerdict Verdict { get; init; }

    public double PassRate { get; init; }

    public double MinPassRate { get; init; }

    /// <summary>The smallest drop in pass rate this suite can detect at its alpha (printed on every run).</summary>
    public double SmallestDetectableDrop { get; init; }

    /// <summary>One-sided paired sign-test p-value for the suite's changes against the baseline, when there is a baseline.</summary>
    public double? PValue { get; init; }

    public IReadOnlyList<GateFinding> Findings { get; init; } = Array.Empty<GateFinding>();

    /// <summary>The drop the gate tolerates (from the gate settings).</summary>
    public double Tolerance { get; init; }

    /// <summary>The significance level of the sign test (from the gate settings).</summary>
    public double Alpha { get; init; }

    /// <summary>Cases judged this run (cases with an infrastructure error are not judged and not in the pass rate).</summary>
    public int JudgedCases { get; init; }

    /// <summary>Judged cases that passed under their pass rule.</summary>
    public int PassedCases { get; init; }

    /// <summary>Cases with an infrastructure or provider error.</summary>
    public int ErroredCases { get; init; }

    /// <summary>Whether a baseline file was available.</summary>
    public bool HasBaseline { get; init; }

    /// <summary>Share of baseline cases that passed, when there is a baseline.</summary>
    public double? BaselinePassRate { get; init; }

    /// <summary>Cases judged now and present in the baseline: the pairs of the sign test.</summary>
    public int PairedCases { get; init; }

    /// <summary>Paired cases that went pass → fail (b).</summary>
    public int Worsened { get; init; }

    /// <summary>Paired cases that went fail → pass (c).</summary>
    public int Improved { get; init; }

    /// <summary>Net pass-rate drop over the paired cases, (b − c) / n, when there is a baseline.</summary>
    public double? Drop { get; init; }

    /// <summary>N behind <see cref="SmallestDetectableDrop"/>: paired cases, or judged cases when there is no baseline.</summary>
    public int ComparableCases { get; init; }

    /// <summary>k behind <see cref="SmallestDetectableDrop"/>: the fewest pass → fail cases that can be significant at alpha.</summary>
    public int DetectableDropCases { get; init; }

    /// <summary>Whether any drop is detectable (k ≤ N); when false <see cref="SmallestDetectableDrop"/> is above 1.</summary>
    public bool DropDetectable { get; init; }
}
