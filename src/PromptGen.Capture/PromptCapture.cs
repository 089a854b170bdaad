using System.Threading.Channels;
using PromptGen.Observation;
using PromptGen.Security;

namespace PromptGen.Capture;

/// <summary>
/// Captures calls of generated prompts, and users' verdicts on them, to a JSON Lines file: one record per line, written
/// by a background writer from a bounded queue, so a call is never slowed down by the disk nor failed by it. Put it in a
/// chat pipeline with <see cref="PromptCaptureChatClientBuilderExtensions.UsePromptCapture(Microsoft.Extensions.AI.ChatClientBuilder, PromptCapture)"/>;
/// record feedback with <see cref="RecordFeedback"/>; turn the file into eval cases with <c>promptgen cases import</c>.
/// </summary>
/// <remarks>
/// One instance per capture file, shared by every client that captures to it; safe to use from any thread. Dispose it
/// (or let the host do) to write what is still queued.
/// </remarks>
public sealed class PromptCapture : IAsyncDisposable, IDisposable
{
    private readonly Channel<CaptureItem> _queue;
    private readonly double _sampleRate;
    private readonly Func<PromptCallSite, bool>? _filter;
    private readonly bool _captureFailures;
    private readonly Action<PromptCallContext> _enqueueCall;
    private readonly Task _writer;
    private long _queued;
    private long _written;
    private long _dropped;
    private long _failed;
    private int _disposed;

    /// <summary>Starts the background writer of the capture file <see cref="PromptCaptureOptions.Path"/>.</summary>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public PromptCapture(PromptCaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        FilePath = Path.GetFullPath(options.Path);
        _sampleRate = options.SampleRate;
        _filter = options.Filter;
        _captureFailures = options.CaptureFailures;
        var scrubber = options.Scrubber ?? DefaultScrubber();
        _queue = Channel.CreateBounded<CaptureItem>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails at once when full: the record is dropped and counted.
            SingleReader = true,
            SingleWriter = false,
        });
        _enqueueCall = EnqueueCall;
        var lines = new CaptureLineWriter(scrubber, options.RedactPersonalData);
        var file = new RotatingLineFile(FilePath, options.MaxFileBytes);
        _writer = Task.Factory.StartNew(() => WriteAsync(lines, file), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>The capture file (full path).</summary>
    public string FilePath { get; }

    /// <summary>Records queued, written, dropped and lost so far.</summary>
    public PromptCaptureStatistics Statistics => new(
        Interlocked.Read(ref _queued), Interlocked.Read(ref _written), Interlocked.Read(ref _dropped), Interlocked.Read(ref _failed));

    /// <summary>
    /// Records a user's verdict on a captured call (<see cref="PromptResult{T}.CallId"/>): a score (by convention 0 for
    /// bad to 1 for good; <c>cases import</c> takes calls with a score under 0.5 first) and an optional comment, scrubbed
    /// like everything else. Never blocks; returns false when the record was dropped because the queue was full.
    /// </summary>
    public bool RecordFeedback(string callId, double score, string? comment = null)
    {
        if (string.IsNullOrWhiteSpace(callId)) throw new ArgumentException("A call id is required.", nameof(callId));
        if (double.IsNaN(score) || double.IsInfinity(score)) throw new ArgumentOutOfRangeException(nameof(score), score, "The score must be a finite number.");
        return Enqueue(new CaptureItem.Feedback(callId, score, comment, DateTimeOffset.UtcNow));
    }

    /// <summary>Waits until everything queued before this call is written to the file.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(new CaptureItem.Flush(done), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await _writer.ConfigureAwait(false);
            return;
        }

        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Called by the middleware on the first model call of a prompt call: decides on sampling and observes the call.</summary>
    internal void Observe(PromptCallContext call)
    {
        if (_sampleRate <= 0 || Volatile.Read(ref _disposed) != 0) return;
        if (_sampleRate < 1 && Random.Shared.NextDouble() >= _sampleRate) return;
        if (_filter is not null && !Filter(call.CallSite)) return;
        call.OnCompleted(_enqueueCall);
    }

    private bool Filter(PromptCallSite site)
    {
        try
        {
            return _filter!(site);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _failed);
            return false;
        }
    }

    private void EnqueueCall(PromptCallContext call)
    {
        if (!call.Succeeded && !_captureFailures) return;
        Enqueue(new CaptureItem.Call(call));
    }

    private bool Enqueue(CaptureItem item)
    {
        if (_queue.Writer.TryWrite(item))
        {
            Interlocked.Increment(ref _queued);
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    private async Task WriteAsync(CaptureLineWriter lines, RotatingLineFile file)
    {
        var reader = _queue.Reader;
        long droppedReported = 0;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    if (item is CaptureItem.Flush flush)
                    {
                        Try(file.Flush);
                        flush.Done.TrySetResult();
                        continue;
                    }

                    if (Try(() => file.Append(lines.Write(item).Span))) Interlocked.Increment(ref _written);
                    else Interlocked.Increment(ref _failed);
                }

                // The queue is empty now: report what was dropped while it was full, then flush the batch.
                var dropped = Interlocked.Read(ref _dropped);
                if (dropped > droppedReported && Try(() => file.Append(lines.WriteDropped(dropped - droppedReported, DateTimeOffset.UtcNow).Span)))
                    droppedReported = dropped;
                Try(file.Flush);
            }
        }
        finally
        {
            file.Dispose();
        }

        bool Try(Action write)
        {
            try
            {
                write();
                return true;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // An I/O error or a throwing hook loses this record only; the file is reopened for the next one.
                file.Reset();
                return false;
            }
        }
    }

    /// <summary>Stops accepting records and waits until the queued ones are written.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    /// <summary>Stops accepting records and waits until the queued ones are written.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static SecretScrubber DefaultScrubber()
    {
        var scrubber = new SecretScrubber();
        scrubber.AddSecretsFromEnvironment();
        return scrubber;
    }
}
