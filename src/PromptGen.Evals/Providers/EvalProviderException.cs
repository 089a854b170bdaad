namespace PromptGen.Evals.Providers;

/// <summary>
/// A provider or infrastructure failure during evals. The runner reports it as PG1004 and the trial as ERROR,
/// never as a regression.
/// </summary>
public class EvalProviderException(ProviderErrorKind kind, string message, int? statusCode = null, int attempts = 1, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The diagnostic every provider failure maps to.</summary>
    public const string ProviderErrorDiagnosticId = "PG1004";

    /// <summary>The classification of the failure.</summary>
    public ProviderErrorKind Kind { get; } = kind;

    /// <summary>The HTTP status of the last attempt, when the endpoint answered.</summary>
    public int? StatusCode { get; } = statusCode;

    /// <summary>How many attempts were made before giving up (1 when the error is not retryable).</summary>
    public int Attempts { get; } = attempts;

    /// <summary>Always PG1004.</summary>
    public string DiagnosticId => ProviderErrorDiagnosticId;

    internal static EvalProviderException ModelCallsDisabled() => new(
        ProviderErrorKind.ModelCallsDisabled,
        "Model calls are disabled (eval mode 'off'). Use mode replay, auto, record or live to run evals.");
}
