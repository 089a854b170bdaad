namespace PromptGen.Evals.Providers;

/// <summary>A classified failure of one attempt.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="StatusCode">The HTTP status, when the endpoint answered.</param>
/// <param name="IsRetryable">Whether another attempt may succeed (429, 408, 5xx, network).</param>
/// <param name="RetryAfter">The wait the endpoint asked for (<c>Retry-After</c>), if any.</param>
/// <param name="Detail">A short description for the error message.</param>
public sealed record ProviderFailure(ProviderErrorKind Kind, int? StatusCode, bool IsRetryable, TimeSpan? RetryAfter, string Detail);
