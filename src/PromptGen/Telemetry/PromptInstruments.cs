using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PromptGen.Telemetry;

/// <summary>The one <see cref="ActivitySource"/> and <see cref="Meter"/> of PromptGen and the instruments on it.</summary>
internal static class PromptInstruments
{
    public static readonly ActivitySource Source = new(PromptGenTelemetry.ActivitySourceName, Version);

    public static readonly Meter Meter = new(PromptGenTelemetry.MeterName, Version);

    public static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        PromptTelemetryNames.CallsMetric, "{call}", "Generated prompt calls.");

    public static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        PromptTelemetryNames.CallDurationMetric, "s", "Duration of generated prompt calls, every attempt and parse included.");

    public static readonly Counter<long> ParseFailures = Meter.CreateCounter<long>(
        PromptTelemetryNames.ParseFailuresMetric, "{answer}", "Model answers that could not be parsed, one per attempt.");

    public static readonly Counter<long> Repairs = Meter.CreateCounter<long>(
        PromptTelemetryNames.RepairsMetric, "{repair}", "Repairs applied to model answers that parsed.");

    public static readonly Counter<long> Reasks = Meter.CreateCounter<long>(
        PromptTelemetryNames.ReasksMetric, "{reask}", "Times the model was asked again after an answer that could not be parsed.");

    private static string Version => typeof(PromptInstruments).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>True when a span would be recorded or any instrument has a listener.</summary>
    public static bool AnyListener =>
        Source.HasListeners() || Calls.Enabled || CallDuration.Enabled || ParseFailures.Enabled || Repairs.Enabled || Reasks.Enabled;
}
