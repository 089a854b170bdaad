namespace PromptGen.Capture;

/// <summary>What a <see cref="PromptCapture"/> has done so far.</summary>
/// <param name="Queued">Records accepted into the queue (calls and feedback).</param>
/// <param name="Written">Records written to the capture file.</param>
/// <param name="Dropped">Records dropped because the queue was full.</param>
/// <param name="Failed">Records lost because they could not be serialized or written (an I/O error, a defect in a hook).</param>
public readonly record struct PromptCaptureStatistics(long Queued, long Written, long Dropped, long Failed);
