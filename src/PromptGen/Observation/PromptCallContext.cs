using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace PromptGen.Observation;

/// <summary>
/// One call of a generated prompt, as chat-client middleware sees it. <see cref="PromptRunner"/> sets
/// <see cref="Current"/> around the model calls of a generated <c>RunAsync</c>, so a <see cref="DelegatingChatClient"/>
/// in the pipeline knows which prompt (<see cref="CallSite"/>) and which input a request belongs to; when the call ends
/// the runner fills in the outcome (raw output, parsed value, repairs, usage, latency, model) and notifies the observers
/// registered with <see cref="OnCompleted"/>.
/// </summary>
/// <remarks>
/// The context costs one small object per call when nobody observes it: input and value are turned into JSON only when
/// someone asks (<see cref="GetInputJson"/>, <see cref="GetValueJson"/>). Observers run on the caller's thread right
/// before the result is returned, so they must be quick; an observer that throws is ignored, never fails the call.
/// </remarks>
public sealed class PromptCallContext
{
    private static readonly AsyncLocal<PromptCallContext?> s_current = new();

    private readonly object _input;
    private readonly long _startTimestamp;
    private readonly object _gate = new();
    private List<Action<PromptCallContext>>? _observers;
    private string? _inputJson;
    private string? _valueJson;
    private int _attempt;

    internal PromptCallContext(PromptCallSite callSite, object input)
    {
        CallSite = callSite;
        _input = input;
        CallId = NewCallId();
        StartedAt = DateTimeOffset.UtcNow;
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>The call of a generated prompt the current chat request belongs to; null outside one.</summary>
    public static PromptCallContext? Current
    {
        get => s_current.Value;
        internal set => s_current.Value = value;
    }

    /// <summary>Which prompt is called.</summary>
    public PromptCallSite CallSite { get; }

    /// <summary>Identifies this call; the same value as <see cref="PromptResult{T}.CallId"/>, for feedback recorded later.</summary>
    public string CallId { get; }

    /// <summary>When the call started (UTC).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The typed input record of the call.</summary>
    public object Input => _input;

    /// <summary>The model call in progress: 1 for the first, 2 for a re-ask after a parse failure.</summary>
    public int Attempt => Volatile.Read(ref _attempt);

    /// <summary>True once the call has ended, successfully or not.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>True when the call ended with a parsed value.</summary>
    public bool Succeeded { get; private set; }

    /// <summary>The text of the final model answer; null before completion or when no answer came.</summary>
    public string? RawOutput { get; private set; }

    /// <summary>The parsed value; null before completion or when parsing failed.</summary>
    public object? Value { get; private set; }

    /// <summary>One parse report per attempt, in order; empty before completion.</summary>
    public IReadOnlyList<PromptParseReport> Reports { get; private set; } = Array.Empty<PromptParseReport>();

    /// <summary>The repairs the parser applied to the final answer.</summary>
    public IReadOnlyList<PromptRepair> Repairs => Reports.Count == 0 ? Array.Empty<PromptRepair>() : Reports[Reports.Count - 1].Repairs;

    /// <summary>Token usage summed over all attempts; null when the client reported none.</summary>
    public UsageDetails? Usage { get; private set; }

    /// <summary>The model that answered (<see cref="ChatResponse.ModelId"/>), when the client reported it.</summary>
    public string? ModelId { get; private set; }

    /// <summary>Time from the start of the call to its end, every attempt and the parsing included.</summary>
    public TimeSpan Latency { get; private set; }

    /// <summary>Why the call failed (a parse error, the client's exception, cancellation); null on success.</summary>
    public Exception? Exception { get; private set; }

    /// <summary>The input as JSON with the input schema's wire names (<c>{}</c> for a prompt without an input schema).</summary>
    public string GetInputJson() => _inputJson ??= CallSite.WriteInputJson(_input);

    /// <summary>The parsed value as JSON with the output schema's wire names; null when there is none.</summary>
    public string? GetValueJson()
    {
        if (!Succeeded) return null;
        return _valueJson ??= CallSite.WriteOutputJson(Value);
    }

    /// <summary>
    /// Calls <paramref name="observer"/> once when the call ends (at once when it already has). Register while handling
    /// the first attempt (<see cref="Attempt"/> is 1) to be called once per prompt call, not once per model call.
    /// </summary>
    public void OnCompleted(Action<PromptCallContext> observer)
    {
        if (observer is null) throw new ArgumentNullException(nameof(observer));
        lock (_gate)
        {
            if (!IsCompleted)
            {
                (_observers ??= new List<Action<PromptCallContext>>(1)).Add(observer);
                return;
            }
        }

        Notify(observer);
    }

    internal void BeginAttempt() => Interlocked.Increment(ref _attempt);

    internal void Complete(string rawOutput, object? value, IReadOnlyList<PromptParseReport> reports, UsageDetails? usage, string? modelId) =>
        End(true, rawOutput, value, reports, usage, modelId, null);

    internal void Fail(Exception exception, string? rawOutput, IReadOnlyList<PromptParseReport> reports, UsageDetails? usage, string? modelId) =>
        End(false, rawOutput, null, reports, usage, modelId, exception);

    private void End(bool succeeded, string? rawOutput, object? value, IReadOnlyList<PromptParseReport> reports, UsageDetails? usage,
        string? modelId, Exception? exception)
    {
        List<Action<PromptCallContext>>? observers;
        lock (_gate)
        {
            if (IsCompleted) return;
            Latency = Elapsed();
            Succeeded = succeeded;
            RawOutput = rawOutput;
            Value = value;
            Reports = reports;
            Usage = usage;
            ModelId = modelId;
            Exception = exception;
            IsCompleted = true;
            observers = _observers;
            _observers = null;
        }

        if (observers is null) return;
        foreach (var observer in observers) Notify(observer);
    }

    private void Notify(Action<PromptCallContext> observer)
    {
        try
        {
            observer(this);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Observation never fails the call it observes.
        }
    }

    private TimeSpan Elapsed() =>
        TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - _startTimestamp) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));

    /// <summary>A fresh call id: 32 lowercase hex digits.</summary>
    internal static string NewCallId() => Guid.NewGuid().ToString("N");
}
