namespace PromptGen.Evals.Results;

/// <summary>All trials of one eval case, with its pass rule applied.</summary>
public sealed record CaseResult
{
    public string CaseId { get; init; } = string.Empty;

    /// <summary>Line of the case's <c>id</c> in the eval file, where its failures are reported.</summary>
    public int Line { get; init; }

    public int Column { get; init; } = 1;

    public bool Critical { get; init; }

    /// <summary>The pass rule as written: <c>all</c>, <c>majority</c>, <c>at-least:N</c> or <c>rate:R</c>.</summary>
    public string PassWhen { get; init; } = "all";

    public IReadOnlyList<TrialResult> Trials { get; init; } = Array.Empty<TrialResult>();

    /// <summary>Whether the case passes under its pass rule; set by the runner.</summary>
    public bool Passed { get; init; }

    /// <summary>Every trial errored, or an error prevented applying the pass rule.</summary>
    public bool IsError => Trials.Count > 0 && Trials.Any(t => t.IsError);

    public int PassedTrials => Trials.Count(t => t.Passed);

    /// <summary>Verdict against the baseline; set by the gate.</summary>
    public EvalVerdict Verdict { get; init; }
}
