using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.AI;

namespace PromptGen.Evals.Providers;

/// <summary>
/// What every model call of a run goes through: a concurrency limit, the cost budget, a per-attempt timeout, and
/// retries with exponential backoff and jitter that honour <c>Retry-After</c>. One policy per run, shared by the
/// resilient chat clients and embedding generators, so the limit and the budget hold across all of them.
/// </summary>
public sealed class EvalCallPolicy : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly Random _jitter = new();
    private readonly object _jitterGate = new();

    public EvalCallPolicy(EvalResilienceOptions? options = null, EvalCostMeter? costMeter = null)
    {
        Options = options ?? new EvalResilienceOptions();
        if (Options.MaxConcurrency < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "MaxConcurrency must be at least 1.");
        if (Options.MaxRetries < 0)
            throw new ArgumentOutOfRangeException(nameof(options), "MaxRetries cannot be negative.");
        if (Options.CallTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), "CallTimeout must be positive.");
        CostMeter = costMeter;
        _slots = new SemaphoreSlim(Options.MaxConcurrency, Options.MaxConcurrency);
    }

    public EvalResilienceOptions Options { get; }

    /// <summary>The run's cost meter, or <c>null</c> when no prices or budget are configured.</summary>
    public EvalCostMeter? CostMeter { get; }

    /// <summary>Waits between attempts; replaceable so tests need not sleep.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (wait, token) => Task.Delay(wait, token);

    /// <summary>Current time, for <c>Retry-After</c> dates.</summary>
    internal Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>
    /// Runs <paramref name="call"/> under the policy. Failures become <see cref="EvalProviderException"/> (classified);
    /// cancellation by <paramref name="cancellationToken"/> stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, Func<T, UsageDetails?> usageOf, CancellationToken cancellationToken) =>
        (await ExecuteTimedAsync(call, usageOf, cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>
    /// <see cref="ExecuteAsync{T}"/>, also returning how long the attempt that succeeded took: the model's latency,
    /// without the time spent waiting for a call slot, in failed attempts or in backoff and <c>Retry-After</c> waits.
    /// </summary>
    public async Task<(T Result, TimeSpan Latency)> ExecuteTimedAsync<T>(Func<CancellationToken, Task<T>> call, Func<T, UsageDetails?> usageOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        CostMeter?.EnsureWithinBudget();
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attemptNumber = 1; ; attemptNumber++)
            {
                CostMeter?.EnsureWithinBudget();
                using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attemptCancellation.CancelAfter(Options.CallTimeout);
                ProviderFailure failure;
                Exception error;
                var attempt = Stopwatch.StartNew();
                try
                {
                    var result = await call(attemptCancellation.Token).ConfigureAwait(false);
                    var latency = attempt.Elapsed;
                    CostMeter?.Add(usageOf(result));
                    return (result, latency);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    error = ex;
                    failure = ProviderErrorClassifier.Classify(ex, attemptCancellation.IsCancellationRequested, Now());
                }
                if (error is EvalProviderException)
                    ExceptionDispatchInfo.Capture(error).Throw();
                if (!failure.IsRetryable || attemptNumber > Options.MaxRetries)
                    throw ToException(failure, attemptNumber, error);
                await Delay(NextWait(failure, attemptNumber), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: the server's <c>Retry-After</c> if given, else backoff.</summary>
    internal TimeSpan NextWait(ProviderFailure failure, int attempt)
    {
        if (failure.RetryAfter is TimeSpan requested)
            return requested <= Options.MaxRetryAfter ? requested : Options.MaxRetryAfter;
        var exponential = Options.BaseBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, Options.MaxBackoff.TotalMilliseconds);
        double factor;
        lock (_jitterGate)
            factor = 0.5 + _jitter.NextDouble() * 0.5;
        return TimeSpan.FromMilliseconds(capped * factor);
    }

    private EvalProviderException ToException(ProviderFailure failure, int attempts, Exception error)
    {
        var what = failure.Kind switch
        {
            ProviderErrorKind.Timeout => $"The model call timed out after {Options.CallTimeout.TotalSeconds:0.###} s",
            ProviderErrorKind.HttpStatus => $"The model endpoint failed ({failure.Detail})",
            ProviderErrorKind.Network => $"The model endpoint could not be reached ({failure.Detail})",
            ProviderErrorKind.MalformedResponse => $"The model endpoint returned a malformed response ({failure.Detail})",
            _ => $"The model call failed ({failure.Detail})",
        };
        var tries = attempts > 1 ? $" after {attempts} attempts" : string.Empty;
        return new EvalProviderException(failure.Kind, what + tries + ".", failure.StatusCode, attempts, error);
    }

    public void Dispose() => _slots.Dispose();
}
