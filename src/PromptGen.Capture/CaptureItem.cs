using PromptGen.Observation;

namespace PromptGen.Capture;

/// <summary>What waits in the capture queue: a finished call, a verdict, or a request to flush.</summary>
internal abstract record CaptureItem
{
    /// <summary>A finished call of a generated prompt; turned into JSON on the background writer.</summary>
    public sealed record Call(PromptCallContext Context) : CaptureItem;

    /// <summary>A user's verdict on an earlier call.</summary>
    public sealed record Feedback(string CallId, double Score, string? Comment, DateTimeOffset Time) : CaptureItem;

    /// <summary>Completed once everything queued before it is written and flushed.</summary>
    public sealed record Flush(TaskCompletionSource Done) : CaptureItem;
}
