namespace PromptGen.Evals.Results;

/// <summary>One trial of one case: one model call (plus judge calls), parsed and scored.</summary>
public sealed record TrialResult
{
    /// <summary>Trial number, from 0.</summary>
    public int Trial { get; init; }

    /// <summary>Every gating assertion held (false when <see cref="Error"/> is set).</summary>
    public bool Passed { get; init; }

    /// <summary>An infrastructure or provider error (HTTP failure, timeout, missing recording): the trial was not judged.</summary>
    public string? Error { get; init; }

    /// <summary>The diagnostic ID that classifies <see cref="Error"/> (PG1003 missing recording, PG1004 provider error).</summary>
    public string? ErrorId { get; init; }

    public IReadOnlyList<AssertionOutcome> Assertions { get; init; } = Array.Empty<AssertionOutcome>();

    /// <summary>The rendered request messages as JSON (role + text/media parts), for reports.</summary>
    public string? RenderedMessagesJson { get; init; }

    /// <summary>The raw model text.</summary>
    public string? ModelText { get; init; }

    /// <summary>The parsed output as JSON, or <c>null</c> when parsing failed.</summary>
    public string? OutputJson { get; init; }

    /// <summary>Repairs the output parser applied, as readable strings.</summary>
    public IReadOnlyList<string> Repairs { get; init; } = Array.Empty<string>();

    public TimeSpan Latency { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    /// <summary>Cost in the configured currency unit, when prices are configured.</summary>
    public decimal? Cost { get; init; }

    public bool IsError => Error is not null;
}
