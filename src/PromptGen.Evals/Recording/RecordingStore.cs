using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using PromptGen.Evals.Files;
using PromptGen.Evals.Security;
using PromptGen.Security;

namespace PromptGen.Evals.Recording;

/// <summary>
/// The recordings of one eval file (<c>X.eval.yaml</c> → <c>X.eval.recordings.json</c>), shared by every recording
/// client of that file's run. Thread-safe. Nothing is written until <see cref="Flush"/>, which writes atomically.
/// </summary>
public sealed class RecordingStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(string CaseId, int Trial, RecordingKind Kind, string Key), RecordingEntry> _exact = new();
    // Hand-written entries without a key: they answer by case (and trial, and request, when given).
    private readonly List<RecordingEntry> _handWritten = new();
    private readonly HashSet<RecordingEntry> _used = new(ReferenceEqualityComparer.Instance);
    private bool _dirty;

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

    public EvalMode Mode { get; }

    /// <summary>Applied to every string written to the file.</summary>
    public SecretScrubber Scrubber { get; }

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

    /// <summary>Whether entries were added or replaced since the store was opened.</summary>
    public bool HasChanges
    {
        get
        {
            lock (_gate)
                return _dirty;
        }
    }

    /// <summary>
    /// Finds the entry answering this call: the exact key first, then a hand-written entry of the case whose trial and
    /// request (when given) match. Marks it used.
    /// </summary>
    public RecordingEntry? Find(string caseId, int trial, RecordingKind kind, string key, JsonObject request)
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
                .Where(e => e.CaseId == caseId && e.Kind == kind && (e.Trial is null || e.Trial == trial))
                .Where(e => e.Request is null || CanonicalJson.Serialize(e.Request) == canonical)
                // The most specific entry wins: a matching request over a wildcard, a matching trial over any trial.
                .OrderBy(e => e.Request is null ? 1 : 0)
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
            _dirty = true;
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
    /// Writes the recordings atomically (<see cref="AtomicFile"/>) when they changed.
    /// In <c>record</c> mode, recorded entries this run did not use are pruned first (only those of cases for which
    /// <paramref name="pruneCase"/> is true, when given); hand-written entries without a key are never pruned.
    /// Nothing is written in <c>replay</c>, <c>live</c> and <c>off</c> modes. Returns whether the file was written.
    /// </summary>
    public bool Flush(Func<string, bool>? pruneCase = null)
    {
        if (Mode is not (EvalMode.Auto or EvalMode.Record))
            return false;
        lock (_gate)
        {
            if (Mode == EvalMode.Record)
            {
                var unused = _exact
                    .Where(pair => !_used.Contains(pair.Value) && (pruneCase is null || pruneCase(pair.Key.CaseId)))
                    .Select(pair => pair.Key)
                    .ToList();
                foreach (var key in unused)
                    _exact.Remove(key);
                _dirty |= unused.Count > 0;
            }
            if (!_dirty)
                return false;
            var text = RecordingFileFormat.Write(Note, _exact.Values.Concat(_handWritten), Scrubber);
            var written = AtomicFile.WriteIfChanged(FilePath, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
            _dirty = false;
            return written;
        }
    }

    /// <summary><see cref="Flush"/> off the calling thread.</summary>
    public Task<bool> FlushAsync(Func<string, bool>? pruneCase = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Flush(pruneCase), cancellationToken);

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
