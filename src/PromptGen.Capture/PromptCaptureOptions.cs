using PromptGen.Observation;
using PromptGen.Security;

namespace PromptGen.Capture;

/// <summary>Where and what <see cref="PromptCapture"/> captures.</summary>
public sealed class PromptCaptureOptions
{
    /// <summary>
    /// The capture file (JSON Lines), for example <c>captures/prompts.jsonl</c>. Its folder is created when missing. When
    /// the file reaches <see cref="MaxFileBytes"/> it is renamed with a UTC timestamp (<c>prompts.20261205T071500123Z.jsonl</c>)
    /// and a new file is started, so the newest calls are always in this path. One process writes one path.
    /// </summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>The share of calls captured, from 0 (none) to 1 (all, the default). Chosen at random per call.</summary>
    public double SampleRate { get; set; } = 1.0;

    /// <summary>Which prompts are captured; all when null. Called once per call, so keep it cheap.</summary>
    public Func<PromptCallSite, bool>? Filter { get; set; }

    /// <summary>Whether calls whose answer could not be parsed (or that failed) are captured too. On by default: they are the most instructive cases.</summary>
    public bool CaptureFailures { get; set; } = true;

    /// <summary>
    /// How many records wait for the background writer at most (default 10,000). When the queue is full, new records are
    /// dropped, counted (<see cref="PromptCaptureStatistics.Dropped"/>) and reported in the file by a <c>dropped</c> line;
    /// the observed call is never slowed down or failed.
    /// </summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>The size at which the capture file is rotated (default 64 MiB). A line is never split across files.</summary>
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Removes secrets from every captured text (inputs, answers, values, comments). Defaults to a scrubber that knows
    /// the values of this process's secret-named environment variables; add your API keys with
    /// <see cref="SecretScrubber.AddSecret"/>. The same scrubber eval recordings and reports use.
    /// </summary>
    public SecretScrubber? Scrubber { get; set; }

    /// <summary>
    /// Your hook for personal data, called on the background writer for every string value captured after the secret
    /// scrubber: the first argument is where the value is (<c>input.customer.email</c>, <c>output</c>,
    /// <c>value.summary</c>, <c>feedback.comment</c>), the second the value; return what to store.
    /// </summary>
    public Func<string, string, string>? RedactPersonalData { get; set; }

    /// <summary>Throws when a value is out of range; called when a <see cref="PromptCapture"/> is created.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
            throw new ArgumentException("PromptCaptureOptions.Path must name the capture file.", nameof(Path));
        if (double.IsNaN(SampleRate) || SampleRate < 0 || SampleRate > 1)
            throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "PromptCaptureOptions.SampleRate must be between 0 and 1.");
        if (QueueCapacity < 1)
            throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "PromptCaptureOptions.QueueCapacity must be at least 1.");
        if (MaxFileBytes < 1024)
            throw new ArgumentOutOfRangeException(nameof(MaxFileBytes), MaxFileBytes, "PromptCaptureOptions.MaxFileBytes must be at least 1024.");
    }
}
