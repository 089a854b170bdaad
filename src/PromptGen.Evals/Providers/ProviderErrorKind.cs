namespace PromptGen.Evals.Providers;

/// <summary>Why a model call failed, for the runner's PG1004 message and for retry decisions.</summary>
public enum ProviderErrorKind
{
    /// <summary>The endpoint answered with an HTTP error status (see <see cref="EvalProviderException.StatusCode"/>).</summary>
    HttpStatus,

    /// <summary>The call took longer than the per-call timeout.</summary>
    Timeout,

    /// <summary>The endpoint could not be reached or the connection broke.</summary>
    Network,

    /// <summary>The endpoint answered 2xx with a body that is not a valid response.</summary>
    MalformedResponse,

    /// <summary>The run's cost budget is spent.</summary>
    Budget,

    /// <summary>The eval mode is <c>off</c>: no model calls are allowed.</summary>
    ModelCallsDisabled,

    /// <summary>No provider is configured, or a setting is invalid.</summary>
    Configuration,

    /// <summary>Any other failure of the model client.</summary>
    Other,
}
