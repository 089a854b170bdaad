using System.Diagnostics;

namespace PromptGen.Evals.Files;

/// <summary>
/// A cross-process lock on a file, held as <c>&lt;file&gt;.lock</c> opened without sharing (an OS-level lock that
/// dies with its process, so a crash leaves nothing to clean up). Taken with retries and a growing backoff; a clear
/// <see cref="IOException"/> when it cannot be had within the timeout. The lock file is removed on release.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(250);

    private readonly FileStream _stream;
    private bool _released;

    private FileLock(string lockPath, FileStream stream)
    {
        LockPath = lockPath;
        _stream = stream;
    }

    /// <summary>The lock file: the guarded file's path plus <c>.lock</c>.</summary>
    public string LockPath { get; }

    /// <summary>The lock file of <paramref name="guardedPath"/>.</summary>
    public static string PathFor(string guardedPath) => Path.GetFullPath(guardedPath) + ".lock";

    /// <summary>Takes the lock of <paramref name="guardedPath"/>, waiting at most <paramref name="timeout"/>.</summary>
    /// <exception cref="IOException">Another process held the lock for the whole <paramref name="timeout"/>.</exception>
    public static FileLock Acquire(string guardedPath, TimeSpan timeout)
    {
        var lockPath = PathFor(guardedPath);
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        var watch = Stopwatch.StartNew();
        var wait = FirstWait;
        var jitter = new Random();
        while (true)
        {
            if (TryAcquire(lockPath, jitter) is { } acquired) return acquired;
            if (watch.Elapsed >= timeout)
            {
                throw new IOException(
                    $"Timed out after {timeout.TotalSeconds:0.#} s waiting for the lock '{Path.GetFileName(lockPath)}': another process " +
                    $"(probably another promptgen eval run) is writing '{Path.GetFileName(guardedPath)}'. Let it finish and run again.");
            }

            Thread.Sleep(TimeSpan.FromMilliseconds(wait.TotalMilliseconds * (0.5 + jitter.NextDouble() * 0.5)));
            wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, LongestWait.TotalMilliseconds));
        }
    }

    /// <summary>Releases the lock and removes the lock file.</summary>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        // Unix: unlink while still holding the lock, so the name never points at a file someone else locked.
        // Windows cannot delete an open file: delete after closing; whoever opened it since keeps it (the delete fails).
        if (!OperatingSystem.IsWindows()) TryDelete(LockPath);
        _stream.Dispose();
        if (OperatingSystem.IsWindows()) TryDelete(LockPath);
    }

    private static FileLock? TryAcquire(string lockPath, Random random)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            // Held by another process (a sharing violation), or the file is being replaced: try again.
            return null;
        }

        try
        {
            // The previous holder may have removed the file between our open and our lock: then we hold a file nobody
            // else can see. Write a note of random length through our handle, then compare what the name points at.
            var note = Encoding.ASCII.GetBytes($"promptgen {Environment.ProcessId}" + new string(' ', random.Next(1, 4096)) + "\n");
            stream.SetLength(0);
            stream.Write(note, 0, note.Length);
            stream.Flush();
            if (NameStillPointsAt(lockPath, stream)) return new FileLock(lockPath, stream);
        }
        catch (IOException)
        {
        }

        stream.Dispose();
        return null;
    }

    // Compares size and modification time of the file we hold and of the file the name points at, without opening
    // the name (an open would meet the lock of whoever holds that file and tell us nothing).
    private static bool NameStillPointsAt(string lockPath, FileStream held)
    {
        var named = new FileInfo(lockPath);
        if (!named.Exists) return false;
        return named.Length == RandomAccess.GetLength(held.SafeFileHandle)
            && named.LastWriteTimeUtc == File.GetLastWriteTimeUtc(held.SafeFileHandle);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }
}
