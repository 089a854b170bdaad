namespace PromptGen.Telemetry;

/// <summary>
/// The names under which generated prompt calls report traces and metrics, and the process-wide telemetry options.
/// Subscribe with OpenTelemetry: <c>tracing.AddSource(PromptGenTelemetry.ActivitySourceName)</c> and
/// <c>metrics.AddMeter(PromptGenTelemetry.MeterName)</c>. Nothing is recorded, and nothing is allocated for it, while
/// nobody listens.
/// </summary>
public static class PromptGenTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> that starts one span per generated call.</summary>
    public const string ActivitySourceName = "PromptGen";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that reports calls, durations, parse failures, repairs and re-asks.</summary>
    public const string MeterName = "PromptGen";

    /// <summary>The category of the log events (repairs, failed parses) written through <see cref="PromptTelemetryOptions.LoggerFactory"/>.</summary>
    public const string LoggerCategory = "PromptGen";

    private static PromptTelemetryOptions s_defaultOptions = new();

    /// <summary>
    /// The options every call uses unless its <see cref="PromptRunOptions.Telemetry"/> names others: set them once at
    /// start-up (for example <c>PromptGenTelemetry.DefaultOptions.LoggerFactory = loggerFactory</c>).
    /// </summary>
    public static PromptTelemetryOptions DefaultOptions
    {
        get => s_defaultOptions;
        set => s_defaultOptions = value ?? throw new System.ArgumentNullException(nameof(value));
    }
}
