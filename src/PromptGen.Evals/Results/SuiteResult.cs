namespace PromptGen.Evals.Results;

/// <summary>The result of one eval file.</summary>
public sealed record SuiteResult
{
    /// <summary>The eval file, relative to the project directory, with forward slashes.</summary>
    public string EvalFile { get; init; } = string.Empty;

    public string PromptName { get; init; } = string.Empty;

    public IReadOnlyList<CaseResult> Cases { get; init; } = Array.Empty<CaseResult>();

    /// <summary>Baseline cases that no longer exist in the eval file.</summary>
    public IReadOnlyList<string> StaleCaseIds { get; init; } = Array.Empty<string>();

    public GateOutcome? Gate { get; init; }
}
