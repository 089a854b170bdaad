using PromptGen.Evals.Reports;

namespace PromptGen.Evals.Running;

/// <summary>What running one eval file produced: the gated suite (none when the file could not run) and its findings.</summary>
internal sealed record SuiteOutcome
{
    public EvalRunSuite? Suite { get; init; }

    public IReadOnlyList<EvalFinding> Findings { get; init; } = Array.Empty<EvalFinding>();

    public string? BaselineWritten { get; init; }

    public string? RecordingsWritten { get; init; }
}
