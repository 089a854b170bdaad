using System;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PromptGen.Telemetry;

namespace TicketTriage;

/// <summary>
/// With <c>PROMPTGEN_TELEMETRY=console</c>, prints PromptGen's spans, metrics and log events with OpenTelemetry's console
/// exporter: one <c>invoke_prompt</c> span per prompt call (with Microsoft.Extensions.AI's chat spans under it when the
/// chat client uses <c>UseOpenTelemetry()</c>), the call counters and durations when the program ends, and a log
/// event for every repaired answer. An application would export to an OTLP collector instead.
/// </summary>
public sealed class SampleTelemetry : IDisposable
{
    /// <summary>The environment variable that turns the console exporter on (value <c>console</c>).</summary>
    public const string Variable = "PROMPTGEN_TELEMETRY";

    // The source Microsoft.Extensions.AI's UseOpenTelemetry() uses when given no name.
    private const string ChatSourceName = "Experimental.Microsoft.Extensions.AI";

    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metrics;
    private readonly ILoggerFactory _loggerFactory;
    private readonly PromptTelemetryOptions _previousOptions;

    private SampleTelemetry()
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(PromptGenTelemetry.ActivitySourceName, ChatSourceName)
            .AddConsoleExporter()
            .Build()!;
        _metrics = Sdk.CreateMeterProviderBuilder()
            .AddMeter(PromptGenTelemetry.MeterName)
            .AddConsoleExporter()
            .Build()!;
        _loggerFactory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(otel => otel.AddConsoleExporter()));
        _previousOptions = PromptGenTelemetry.DefaultOptions;
        PromptGenTelemetry.DefaultOptions = new PromptTelemetryOptions { LoggerFactory = _loggerFactory };
    }

    /// <summary>Starts console telemetry when <see cref="Variable"/> is <c>console</c>; otherwise returns null.</summary>
    /// <param name="getVariable">Reads an environment variable.</param>
    public static SampleTelemetry? Start(Func<string, string?> getVariable) =>
        string.Equals(getVariable(Variable), "console", StringComparison.OrdinalIgnoreCase) ? new SampleTelemetry() : null;

    /// <summary>Prints the metrics and stops exporting.</summary>
    public void Dispose()
    {
        PromptGenTelemetry.DefaultOptions = _previousOptions;
        _loggerFactory.Dispose();
        _metrics.Dispose();
        _tracing.Dispose();
    }
}
