using System;
using System.Collections.Generic;

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
}
