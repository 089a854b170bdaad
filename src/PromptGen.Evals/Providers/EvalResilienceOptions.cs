namespace PromptGen.Evals.Providers;

/// <summary>Concurrency, retry and timeout settings for model calls during evals.</summary>
public sealed record EvalResilienceOptions
{
    /// <summary>How many calls may be in flight at once across every client sharing the policy.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Retries after the first attempt (429, 408, 5xx and transient network errors only).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>Timeout of one attempt; a timed-out call is not retried.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>First backoff delay; doubled on each retry, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest <c>Retry-After</c> honoured; longer waits are cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(120);
}
