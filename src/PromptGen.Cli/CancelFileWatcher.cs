namespace PromptGen.Cli;

/// <summary>
/// <c>promptgen eval --cancel-file &lt;file&gt;</c>: the run is cancelled, exactly like the first Ctrl+C, as soon as the
/// file exists. For build tools that cannot send a signal to a child process (on Windows a process without a console
/// of its own cannot be sent Ctrl+C); the MSBuild task <c>PromptEval</c> creates the file when the build is cancelled.
/// Creating the file after a Ctrl+C is harmless: the run is cancelled once.
/// </summary>
internal sealed class CancelFileWatcher : IDisposable
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);

    private readonly string _path;
    private readonly CancellationTokenSource _source;
    private readonly Timer _timer;
    private int _stopped;

    public CancelFileWatcher(string path, CancellationToken outer)
    {
        _path = Path.GetFullPath(path);
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        // A file that is already there cancels before anything runs.
        if (File.Exists(_path)) _source.Cancel();
        _timer = new Timer(_ => Poll(), null, s_interval, s_interval);
    }

    /// <summary>Cancelled by the outer token (Ctrl+C) or when the file appears.</summary>
    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        using (var done = new ManualResetEvent(false))
        {
            // Wait for a poll in progress, so the source is never cancelled after it was disposed.
            if (_timer.Dispose(done)) done.WaitOne();
        }

        _source.Dispose();
    }

    private void Poll()
    {
        if (Volatile.Read(ref _stopped) != 0 || _source.IsCancellationRequested) return;
        if (File.Exists(_path)) _source.Cancel();
    }
}
