using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PromptGen.Telemetry;

namespace PromptGen.Telemetry.Tests;

/// <summary>
/// An application's OpenTelemetry set-up with in-memory exporters: PromptGen's source and meter, Microsoft.Extensions.AI's
/// chat source (<see cref="ChatSourceName"/>) and an OpenTelemetry logger factory.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    public const string ChatSourceName = "PromptGen.Telemetry.Tests.Chat";

    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metrics;

    public TelemetryCapture()
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(PromptGenTelemetry.ActivitySourceName, ChatSourceName)
            .AddInMemoryExporter(Spans)
            .Build()!;
        _metrics = Sdk.CreateMeterProviderBuilder()
            .AddMeter(PromptGenTelemetry.MeterName)
            .AddInMemoryExporter(Metrics)
            .Build()!;
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Trace)
            .AddOpenTelemetry(options =>
            {
                options.IncludeFormattedMessage = true;
                options.AddInMemoryExporter(Logs);
            }));
    }

    public List<Activity> Spans { get; } = new();

    public List<Metric> Metrics { get; } = new();

    public List<LogRecord> Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The PromptGen spans, in the order they ended.</summary>
    public IReadOnlyList<Activity> PromptSpans => Spans.Where(s => s.Source.Name == PromptGenTelemetry.ActivitySourceName).ToList();

    /// <summary>Microsoft.Extensions.AI's chat spans.</summary>
    public IReadOnlyList<Activity> ChatSpans => Spans.Where(s => s.Source.Name == ChatSourceName).ToList();

    public Activity SinglePromptSpan() => Assert.Single(PromptSpans);

    /// <summary>The points of one metric after a flush, with their tags.</summary>
    public IReadOnlyList<(MetricPoint Point, Dictionary<string, object?> Tags)> Points(string metricName)
    {
        // Cumulative temporality: the latest export holds the totals; earlier exports would count twice.
        Metrics.Clear();
        _metrics.ForceFlush();
        var result = new List<(MetricPoint, Dictionary<string, object?>)>();
        foreach (var metric in Metrics.Where(m => m.Name == metricName))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags) tags[tag.Key] = tag.Value;
                result.Add((point, tags));
            }
        }

        return result;
    }

    /// <summary>The sum of a counter over the points whose tags include <paramref name="where"/>.</summary>
    public long CounterSum(string metricName, params (string Key, object? Value)[] where) =>
        Points(metricName)
            .Where(p => where.All(w => p.Tags.TryGetValue(w.Key, out var v) && Equals(v, w.Value)))
            .Sum(p => p.Point.GetSumLong());

    public void Dispose()
    {
        LoggerFactory.Dispose();
        _metrics.Dispose();
        _tracing.Dispose();
    }
}
