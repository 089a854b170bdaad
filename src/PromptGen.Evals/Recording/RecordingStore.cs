using System.Text.Json.Nodes;
using PromptGen.Evals.Files;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Security;
using PromptGen.Security;

namespace PromptGen.Evals.Recording;

/// <summary>
/// The recordings of one eval file (<c>X.eval.yaml</c> → <c>X.eval.recordings.json</c>), shared by every recording
/// client of that file's run. Thread-safe.
/// <para>New recordings are kept until a flush. Every write takes the file's lock (<c>X.eval.recordings.json.lock</c>,
/// so concurrent runs, even in other processes, take turns), re-reads the file, merges this run's new recordings into
/// what is there now, and replaces the file atomically: two runs recording at once keep every recording of both.
/// The runner flushes in bounded batches while results arrive (<see cref="FlushIfDue"/>), after a cancelled run
/// (<see cref="FlushRecorded"/>) and at the end (<see cref="Flush"/>, which alone prunes in <c>record</c> mode).</para>
/// </summary>
public sealed class RecordingStore
{
    private static readonly TimeSpan BatchLockTimeout = TimeSpan.FromSeconds(2);

    private readonly object _gate = new();
    // Serialises writes of this store; the file lock serialises writers across stores and processes.
    private readonly object _writeGate = new();
    private readonly Dictionary<(string CaseId, int Trial, RecordingKind Kind, string Key), RecordingEntry> _exact = new();
    // Hand-written entries without a key: they answer by case (and trial, and request, when given).
    private readonly List<RecordingEntry> _handWritten = new();
    private readonly HashSet<RecordingEntry> _used = new(ReferenceEqualityComparer.Instance);
    // Recorded by this run and not yet written.
    private readonly Dictionary<(string CaseId, int Trial, RecordingKind Kind, string Key), RecordingEntry> _unwritten = new();
    private readonly System.Diagnostics.Stopwatch _sinceWrite = System.Diagnostics.Stopwatch.StartNew();

    private RecordingStore(string filePath, EvalMode mode, SecretScrubber scrubber, string? note, IEnumerable<RecordingEntry> entries)
    {
        FilePath = filePath;
        Mode = mode;
        Scrubber = scrubber;
        Note = note;
        foreach (var entry in entries)
            Add(entry);
    }

    /// <summary>The recordings file.</summary>
    public string FilePath { get; }

    /// <summary>How model calls use the recordings.</summary>
    public EvalMode Mode { get; }

    /// <summary>
    /// Whether a recording client passes its calls straight to the model (live mode), leaving the recordings alone.
    /// </summary>
    /// <exception cref="EvalProviderException">The mode is off: no model call may be made.</exception>
    internal bool PassesCallsThrough()
    {
        if (Mode == EvalMode.Off)
            throw EvalProviderException.ModelCallsDisabled();
        return Mode == EvalMode.Live;
    }

    /// <summary>Applied to every string written to the file.</summary>
    public SecretScrubber Scrubber { get; }

    /// <summary>How long a write waits for another writer's lock before it fails with an <see cref="IOException"/>.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><see cref="FlushIfDue"/> writes once this many recordings (and a quarter of the store's) are unwritten.</summary>
    public int MaxUnwrittenEntries { get; set; } = 16;

    /// <summary><see cref="FlushIfDue"/> writes unwritten recordings once the last write is this old.</summary>
    public TimeSpan MaxUnwrittenAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The file's top-level <c>"note"</c>, kept as written.</summary>
    public string? Note { get; }

    /// <summary>The recordings file that belongs to an eval file: <c>X.eval.yaml</c> → <c>X.eval.recordings.json</c>.</summary>
    public static string PathForEvalFile(string evalFilePath)
    {
        if (evalFilePath is null)
            throw new ArgumentNullException(nameof(evalFilePath));
        foreach (var suffix in new[] { ".eval.yaml", ".eval.yml" })
        {
            if (evalFilePath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return evalFilePath.Substring(0, evalFilePath.Length - suffix.Length) + ".eval.recordings.json";
        }
        return Path.ChangeExtension(evalFilePath, null) + ".recordings.json";
    }

    /// <summary>Opens the recordings of <paramref name="evalFilePath"/> for a run in <paramref name="mode"/>.</summary>
    /// <exception cref="RecordingFormatException">The file exists but is malformed.</exception>
    public static RecordingStore ForEvalFile(string evalFilePath, EvalMode mode, SecretScrubber? scrubber = null) =>
        Open(PathForEvalFile(evalFilePath), mode, scrubber);

    /// <summary>Opens a recordings file (a missing file is an empty store). In <c>live</c> and <c>off</c> modes the file is not read.</summary>
    /// <exception cref="RecordingFormatException">The file exists but is malformed.</exception>
    public static RecordingStore Open(string recordingsPath, EvalMode mode, SecretScrubber? scrubber = null)
    {
        scrubber ??= EvalSecrets.Scrubber;
        if (mode is EvalMode.Live or EvalMode.Off || !File.Exists(recordingsPath))
            return new RecordingStore(recordingsPath, mode, scrubber, null, Array.Empty<RecordingEntry>());
        var (note, entries) = RecordingFileFormat.Read(recordingsPath, File.ReadAllBytes(recordingsPath));
        return new RecordingStore(recordingsPath, mode, scrubber, note, entries);
    }

    /// <summary>A snapshot of every entry, in file order.</summary>
    public IReadOnlyList<RecordingEntry> Entries
    {
        get
        {
            lock (_gate)
                return RecordingFileFormat.Sort(_exact.Values.Concat(_handWritten)).ToList();
        }
    }

    /// <summary>Whether this run recorded calls that are not written yet.</summary>
    public bool HasChanges
    {
        get
        {
            lock (_gate)
                return _unwritten.Count > 0;
        }
    }

    /// <summary>
    /// Finds the entry answering this call: the exact key first, then a hand-written entry of the case whose trial and
    /// request (when given) match. Marks it used.
    /// </summary>
    public RecordingEntry? Find(string caseId, int trial, RecordingKind kind, string key, JsonObject request) => Find(caseId, trial, kind, key, request, null);

    /// <summary>
    /// Like <see cref="Find(string, int, RecordingKind, string, JsonObject)"/> for a call of experiment arm
    /// <paramref name="arm"/>: a hand-written entry for another arm does not answer it; one for this arm wins over one for any.
    /// </summary>
    public RecordingEntry? Find(string caseId, int trial, RecordingKind kind, string key, JsonObject request, string? arm)
    {
        lock (_gate)
        {
            if (_exact.TryGetValue((caseId, trial, kind, key), out var entry))
            {
                _used.Add(entry);
                return entry;
            }
            var canonical = CanonicalJson.Serialize(request);
            var handWritten = _handWritten
                .Where(e => e.CaseId == caseId && e.Kind == kind && (e.Trial is null || e.Trial == trial) && (e.Arm is null || e.Arm == arm))
                .Where(e => e.Request is null || CanonicalJson.Serialize(e.Request) == canonical)
                // The most specific entry wins: a matching request over a wildcard, a matching trial over any trial.
                .OrderBy(e => e.Arm is null ? 1 : 0)
                .ThenBy(e => e.Request is null ? 1 : 0)
                .ThenBy(e => e.Trial is null ? 1 : 0)
                .FirstOrDefault();
            if (handWritten is not null)
                _used.Add(handWritten);
            return handWritten;
        }
    }

    /// <summary>Adds or replaces the entry with the same case, trial, kind and key. It is written on the next flush.</summary>
    public void Save(RecordingEntry entry)
    {
        if (entry is null)
            throw new ArgumentNullException(nameof(entry));
        if (entry.Key is null || entry.Trial is null)
            throw new ArgumentException("A recorded entry needs a key and a trial.", nameof(entry));
        lock (_gate)
        {
            var stored = Add(entry);
            _used.Add(stored);
            _unwritten[(entry.CaseId, entry.Trial.Value, entry.Kind, entry.Key)] = stored;
        }
    }

    /// <summary>
    /// The PG1003 error for a call with no recording: names the case and shows what changed against the most similar
    /// recorded request of the same case (same trial and kind first).
    /// </summary>
    public RecordingMissingException CreateMissingException(string caseId, int trial, RecordingKind kind, string key, JsonObject request)
    {
        List<RecordingEntry> candidates;
        lock (_gate)
            candidates = _exact.Values.Concat(_handWritten).Where(e => e.CaseId == caseId && e.Request is not null).ToList();
        var closest = candidates
            .Select(e => (Entry: e, Rank: (e.Trial == trial ? 0 : 1) + (e.Kind == kind ? 0 : 2), Distance: RequestDiff.Distance(e.Request, request)))
            .OrderBy(c => c.Rank)
            .ThenBy(c => c.Distance)
            .ThenBy(c => c.Entry.Key ?? string.Empty, StringComparer.Ordinal)
            .Select(c => c.Entry)
            .FirstOrDefault();
        var file = Path.GetFileName(FilePath);
        var message = new StringBuilder()
            .Append("No recording for case '").Append(caseId).Append("' (trial ").Append(trial).Append(", ").Append(kind.ToName())
            .Append(") in ").Append(file).Append(" (mode ").Append(Mode.ToName()).Append(").");
        string? changes = null;
        if (closest is null)
        {
            message.Append(" The case has no recordings at all: it is new or was never recorded.");
        }
        else
        {
            changes = RequestDiff.Describe(closest.Request, request);
            message.Append(" The request changed since it was recorded (closest recording: trial ")
                .Append(closest.Trial?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any")
                .Append(", ").Append(closest.Kind.ToName())
                .Append(closest.Line > 0 ? ", line " + closest.Line : string.Empty)
                .Append("):\n").Append(changes);
        }
        message.Append("\nRun the evals with PROMPTGEN_EVAL_MODE=auto (or record) to record it, then commit ").Append(file).Append('.');
        return new RecordingMissingException(message.ToString(), caseId, trial, kind, key, FilePath, changes);
    }

    /// <summary>
    /// Ends the run's recording: writes this run's new recordings (see the class remarks) and, in <c>record</c> mode,
    /// prunes the recorded entries this run did not use (only those of cases for which <paramref name="pruneCase"/> is
    /// true, when given; only entries that were in the file when the store was opened, never another run's). Hand-written
    /// entries without a key are never pruned. Nothing is written in <c>replay</c>, <c>live</c> and <c>off</c> modes.
    /// Returns whether the file was written.
    /// </summary>
    /// <exception cref="IOException">The file could not be written, or its lock was held longer than <see cref="LockTimeout"/>.</exception>
    /// <exception cref="RecordingFormatException">The file on disk became malformed during the run; it is left as it is.</exception>
    public bool Flush(Func<string, bool>? pruneCase = null) => Write(prune: true, pruneCase, LockTimeout);

    /// <summary>
    /// Writes the recordings made so far, never pruning: for a run that is cut short (cancelled) and for batches while
    /// results arrive. Returns whether the file was written.
    /// </summary>
    /// <exception cref="IOException">The file could not be written, or its lock was held longer than <see cref="LockTimeout"/>.</exception>
    /// <exception cref="RecordingFormatException">The file on disk became malformed during the run; it is left as it is.</exception>
    public bool FlushRecorded() => Write(prune: false, pruneCase: null, LockTimeout);

    /// <summary>
    /// Runs <paramref name="flush"/> (<see cref="Flush"/> or <see cref="FlushRecorded"/>): the file when it was written, else
    /// null; a file that cannot be written (the user's file is left as it was) becomes <paramref name="error"/>, a finding.
    /// </summary>
    internal string? FlushReporting(Func<RecordingStore, bool> flush, out string? error)
    {
        error = null;
        try
        {
            return flush(this) ? FilePath : null;
        }
        catch (Exception exception) when (EvalFileFormatException.IsUnreadableFile(exception))
        {
            error = $"The recordings '{Path.GetFileName(FilePath)}' could not be written: {exception.Message}";
            return null;
        }
    }

    /// <summary>
    /// <see cref="FlushRecorded"/> when a batch is due: at least <see cref="MaxUnwrittenEntries"/> unwritten recordings
    /// and at least a quarter as many as the store holds, or unwritten recordings older than
    /// <see cref="MaxUnwrittenAge"/>. Returns at once when another thread is writing (that write, or the next due one,
    /// takes these recordings too). Waits at most 2 s for another writer's lock.
    /// </summary>
    /// <exception cref="IOException">The file could not be written, or its lock stayed busy; the batch stays unwritten.</exception>
    /// <exception cref="RecordingFormatException">The file on disk became malformed during the run; it is left as it is.</exception>
    public bool FlushIfDue()
    {
        lock (_gate)
        {
            // Each write rewrites the whole file: batches grow with it (a quarter of its entries) so that recording
            // many cases costs linear work in all, while the age limit still bounds what an interruption can lose.
            var batch = Math.Max(MaxUnwrittenEntries, _exact.Count / 4);
            if (_unwritten.Count == 0 || (_unwritten.Count < batch && _sinceWrite.Elapsed < MaxUnwrittenAge))
                return false;
        }
        if (!Monitor.TryEnter(_writeGate))
            return false;
        try
        {
            // A batch does not hold up the run waiting for a busy lock: it stays unwritten and goes with the next write.
            return Write(prune: false, pruneCase: null, BatchLockTimeout < LockTimeout ? BatchLockTimeout : LockTimeout);
        }
        finally
        {
            Monitor.Exit(_writeGate);
        }
    }

    /// <summary><see cref="Flush"/> off the calling thread.</summary>
    public Task<bool> FlushAsync(Func<string, bool>? pruneCase = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Flush(pruneCase), cancellationToken);

    private bool Write(bool prune, Func<string, bool>? pruneCase, TimeSpan lockTimeout)
    {
        if (Mode is not (EvalMode.Auto or EvalMode.Record))
            return false;
        lock (_writeGate)
        {
            List<RecordingEntry> unwritten;
            HashSet<(string, int, RecordingKind, string)> pruned;
            lock (_gate)
            {
                unwritten = _unwritten.Values.ToList();
                pruned = prune && Mode == EvalMode.Record
                    ? new(_exact.Where(pair => pair.Value.Line > 0 && !_used.Contains(pair.Value) && pair.Value.Arm is null && (pruneCase is null || pruneCase(pair.Key.CaseId))).Select(pair => pair.Key))
                    : new();
            }
            if (unwritten.Count == 0 && pruned.Count == 0)
                return false;

            bool written;
            using (FileLock.Acquire(FilePath, lockTimeout))
            {
                // What is in the file now, which another run may have written since this store was opened.
                var (note, onDisk) = File.Exists(FilePath)
                    ? RecordingFileFormat.Read(FilePath, File.ReadAllBytes(FilePath))
                    : (Note, new List<RecordingEntry>());
                var merged = new Dictionary<(string, int, RecordingKind, string), RecordingEntry>();
                var handWritten = new List<RecordingEntry>();
                foreach (var entry in onDisk)
                {
                    if (entry.Key is not null && entry.Trial is int trial)
                        merged[(entry.CaseId, trial, entry.Kind, entry.Key)] = entry;
                    else
                        handWritten.Add(entry);
                }
                foreach (var key in pruned)
                    merged.Remove(key);
                foreach (var entry in unwritten)
                    merged[(entry.CaseId, entry.Trial!.Value, entry.Kind, entry.Key!)] = entry;
                var text = RecordingFileFormat.Write(note, merged.Values.Concat(handWritten), Scrubber);
                written = AtomicFile.WriteTextIfChanged(FilePath, text);
            }

            lock (_gate)
            {
                foreach (var entry in unwritten)
                {
                    var key = (entry.CaseId, entry.Trial!.Value, entry.Kind, entry.Key!);
                    // A newer recording of the same call made while writing stays unwritten.
                    if (_unwritten.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
                        _unwritten.Remove(key);
                }
                foreach (var key in pruned)
                    _exact.Remove(key);
                _sinceWrite.Restart();
            }
            return written;
        }
    }

    private RecordingEntry Add(RecordingEntry entry)
    {
        if (entry.Key is not null && entry.Trial is int trial)
        {
            _exact[(entry.CaseId, trial, entry.Kind, entry.Key)] = entry;
        }
        else
        {
            _handWritten.Add(entry);
        }
        return entry;
    }
}
