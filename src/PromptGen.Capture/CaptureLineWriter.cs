using System.Buffers;
using System.Globalization;
using System.Text.Json;
using PromptGen.Observation;
using PromptGen.Security;

namespace PromptGen.Capture;

/// <summary>
/// Turns one queued record into one capture line (UTF-8 JSON and <c>\n</c>); the one place the capture format is
/// written (docs/production-loop.md describes it). Every string value goes through the scrubber, then the user's hook.
/// </summary>
internal sealed class CaptureLineWriter
{
    private readonly SecretScrubber _scrubber;
    private readonly Func<string, string, string>? _personalData;
    private readonly Func<string, string, string> _redact;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    public CaptureLineWriter(SecretScrubber scrubber, Func<string, string, string>? personalData)
    {
        _scrubber = scrubber;
        _personalData = personalData;
        _redact = Redact;
    }

    /// <summary>The line of <paramref name="item"/>; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Write(CaptureItem item)
    {
        _buffer.Clear();
        using (var writer = new Utf8JsonWriter(_buffer))
        {
            switch (item)
            {
                case CaptureItem.Call call:
                    WriteCall(writer, call.Context);
                    break;
                case CaptureItem.Feedback feedback:
                    writer.WriteStartObject();
                    writer.WriteString("type", "feedback");
                    writer.WriteString("callId", feedback.CallId);
                    writer.WriteString("time", Time(feedback.Time));
                    writer.WriteNumber("score", feedback.Score);
                    if (feedback.Comment is not null) writer.WriteString("comment", Redact("feedback.comment", feedback.Comment));
                    writer.WriteEndObject();
                    break;
                default:
                    throw new ArgumentException("Not a record to write.", nameof(item));
            }
        }

        _buffer.Write("\n"u8);
        return _buffer.WrittenMemory;
    }

    /// <summary>The line that reports records dropped while the queue was full.</summary>
    public ReadOnlyMemory<byte> WriteDropped(long count, DateTimeOffset time)
    {
        _buffer.Clear();
        using (var writer = new Utf8JsonWriter(_buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "dropped");
            writer.WriteString("time", Time(time));
            writer.WriteNumber("count", count);
            writer.WriteEndObject();
        }

        _buffer.Write("\n"u8);
        return _buffer.WrittenMemory;
    }

    private void WriteCall(Utf8JsonWriter writer, PromptCallContext call)
    {
        var site = call.CallSite;
        writer.WriteStartObject();
        writer.WriteString("type", "call");
        writer.WriteString("callId", call.CallId);
        writer.WriteString("time", Time(call.StartedAt));
        writer.WriteString("prompt", site.Name);
        writer.WriteString("version", site.Version);
        if (site.Variant is not null) writer.WriteString("variant", site.Variant);
        writer.WriteBoolean("ok", call.Succeeded);
        writer.WritePropertyName("input");
        ScrubbedJson.Copy(writer, call.GetInputJson(), "input", _redact);
        if (call.RawOutput is not null) writer.WriteString("output", Redact("output", call.RawOutput));
        if (call.GetValueJson() is { } value)
        {
            writer.WritePropertyName("value");
            ScrubbedJson.Copy(writer, value, "value", _redact);
        }

        if (call.Exception is { } exception) writer.WriteString("error", Redact("error", exception.Message));
        writer.WriteStartArray("repairs");
        foreach (var repair in call.Repairs)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", repair.Kind.ToString());
            writer.WriteString("path", repair.Path);
            writer.WriteString("message", Redact("repairs.message", repair.Message));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("attempts", call.Reports.Count);
        writer.WriteNumber("latencyMs", Math.Round(call.Latency.TotalMilliseconds, 3));
        if (call.Usage is { } usage)
        {
            writer.WriteStartObject("usage");
            if (usage.InputTokenCount is { } input) writer.WriteNumber("inputTokens", input);
            if (usage.OutputTokenCount is { } output) writer.WriteNumber("outputTokens", output);
            if (usage.TotalTokenCount is { } total) writer.WriteNumber("totalTokens", total);
            writer.WriteEndObject();
        }

        if (call.ModelId is not null) writer.WriteString("model", call.ModelId);
        writer.WriteEndObject();
    }

    private string Redact(string path, string value)
    {
        var scrubbed = _scrubber.Scrub(value);
        return _personalData is null ? scrubbed : _personalData(path, scrubbed) ?? string.Empty;
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
