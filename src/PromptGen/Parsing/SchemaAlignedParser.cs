using System.Buffers;
using System.Text.Json;

namespace PromptGen;

/// <summary>
/// Turns model output into canonical JSON for an <see cref="OutputShape"/>: finds candidate payloads (fences,
/// brackets in prose), repairs JSON-ish syntax, coerces values to the shape, and picks the candidate that fits
/// with the fewest and smallest repairs. Generated code calls this only when its strict reader fails.
/// </summary>
public static class SchemaAlignedParser
{
    /// <summary>Parses and repairs <paramref name="modelText"/>. Never throws for any input text.</summary>
    public static PromptParseOutcome Parse(string? modelText, OutputShape shape, PromptParseOptions? options = null) =>
        ParseGuarded(modelText, shape, options, copyJson: true);

    /// <summary>
    /// <see cref="Parse"/> for a caller that reads the JSON at once: the
    /// outcome's JSON is this thread's scratch buffer, valid only until the next parse on the thread (no copy).
    /// </summary>
    internal static PromptParseOutcome ParseTransient(string? modelText, OutputShape shape) =>
        ParseGuarded(modelText, shape, null, copyJson: false);

    private static PromptParseOutcome ParseGuarded(string? modelText, OutputShape shape, PromptParseOptions? options, bool copyJson)
    {
        if (shape is null)
        {
            throw new ArgumentNullException(nameof(shape));
        }

        options ??= PromptParseOptions.Default;
        try
        {
            return ParseCore(modelText ?? string.Empty, shape, options, copyJson);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug must not escape as anything but a failed parse.
            return Failure("internal parser error: " + ex.Message, null);
        }
        finally
        {
            // The per-thread slots outlive the parse: do not keep its loose trees (and the text they copied) alive.
            Scratch.ForgetLastParse();
        }
    }

    /// <summary>Like <see cref="Parse"/> but throws <see cref="PromptOutputException"/> on failure.</summary>
    public static ReadOnlyMemory<byte> ParseOrThrow(string? modelText, OutputShape shape, PromptParseOptions? options = null)
    {
        var outcome = Parse(modelText, shape, options);
        return outcome.Success ? outcome.Utf8Json : throw new PromptOutputException(outcome.Report, modelText);
    }

    private static PromptParseOutcome ParseCore(string text, OutputShape shape, PromptParseOptions options, bool copyJson)
    {
        if (text.Length > options.MaxInputLength)
        {
            return Failure($"output is {text.Length} characters long; the limit is {options.MaxInputLength}", null);
        }

        if (IsBlank(text))
        {
            return Failure("output is empty", null);
        }

        var maxDepth = Math.Max(1, Math.Min(options.MaxDepth, 900));

        // Per-thread state: the candidate search's lists and two attempt slots, the best candidate's so far and the
        // one being tried.
        var scratch = Scratch.ForThisThread();
        var candidates = scratch.Candidates.Find(text, Math.Max(1, options.MaxCandidates));
        Attempt? best = null;
        var payloads = 0;
        var lastPayloadStart = -1;
        foreach (var candidate in candidates)
        {
            var attempt = best == scratch.First ? scratch.Second : scratch.First;
            attempt.Try(text, candidate, shape, maxDepth, scratch);
            if (attempt.Node is not null && attempt.Node.Start != lastPayloadStart)
            {
                payloads++;
                lastPayloadStart = attempt.Node.Start;
            }

            // Ties go to the later candidate: models put a corrected or final answer last.
            if (best is null || attempt.Log.Cost <= best.Log.Cost)
            {
                best = attempt;
            }

            if (best.Log.Cost == 0 && best.Node is not null)
            {
                break;
            }
        }

        var chosen = best!;
        var log = chosen.Log;
        if (log.ErrorCount > 0)
        {
            return Failure(log.FirstError!, log.FirstErrorPath, log.CopyRepairs());
        }

        if (payloads > 1)
        {
            log.AddAt(
                PromptRepairKind.PickedCandidate,
                "$",
                chosen.Node!.Start,
                chosen.Node.Length,
                $"picked the payload that fits the output shape best out of {payloads} candidates");
        }

        if (options.Strict)
        {
            foreach (var repair in log.Repairs)
            {
                if (!repair.IsBenign)
                {
                    return Failure("strict mode: the output needs repair: " + repair.Kind + " at " + repair.Path + ": " + repair.Message, repair.Path, log.CopyRepairs());
                }
            }
        }

        var json = chosen.Json.WrittenMemory;
        return new PromptParseOutcome(copyJson ? json.ToArray() : json, new PromptParseReport(log.CopyRepairs()), success: true);
    }

    private static void ReportSurroundings(string text, Candidate candidate, LooseNode node, RepairLog log)
    {
        if (candidate.IsFenced)
        {
            log.Add(PromptRepairKind.StrippedCodeFence, candidate.FenceOpenStart, candidate.FenceOpenEnd - candidate.FenceOpenStart, "removed a Markdown code fence");
            ReportProse(text, 0, candidate.FenceOpenStart, log, ProseBefore);
            ReportProse(text, candidate.FenceOpenEnd, node.Start, log, ProseBefore);
            ReportProse(text, node.End, candidate.FenceCloseStart, log, ProseAfter);
            ReportProse(text, candidate.FenceCloseEnd, text.Length, log, ProseAfter);
        }
        else
        {
            ReportProse(text, 0, node.Start, log, ProseBefore);
            ReportProse(text, node.End, text.Length, log, ProseAfter);
        }
    }

    // The messages of prose around the payload, whole (one string each rather than one per repair).
    private const string ProseBefore = "ignored text before the payload";
    private const string ProseAfter = "ignored text after the payload";

    private static void ReportProse(string text, int from, int to, RepairLog log, string message)
    {
        var first = from;
        while (first < to && char.IsWhiteSpace(text[first]))
        {
            first++;
        }

        if (first >= to)
        {
            return;
        }

        var last = to;
        while (last > first && char.IsWhiteSpace(text[last - 1]))
        {
            last--;
        }

        log.Add(PromptRepairKind.StrippedProse, first, last - first, message);
    }

    private static bool IsBlank(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    private static PromptParseOutcome Failure(string error, string? path, IReadOnlyList<PromptRepair>? repairs = null) =>
        new(ReadOnlyMemory<byte>.Empty, new PromptParseReport(repairs, error, path), success: false);

    /// <summary>
    /// Reusable per-thread state. What a parse returns is copied out of it (the repairs always, the JSON unless the
    /// caller reads it at once), so one parse never sees another's.
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? _current;

        private Scratch()
        {
            Writer = new Utf8JsonWriter(First.Json, AlignedJson.WriterOptions);
        }

        public Attempt First { get; } = new();

        public Attempt Second { get; } = new();

        public Utf8JsonWriter Writer { get; }

        public StringBuilder Text { get; } = new();

        public CandidateFinder Candidates { get; } = new();

        public static void ForgetLastParse()
        {
            if (_current is { } scratch)
            {
                scratch.First.Forget();
                scratch.Second.Forget();
            }
        }

        public static Scratch ForThisThread()
        {
            var scratch = _current ??= new Scratch();

            // Do not pin huge buffers to the thread after a huge input.
            if (scratch.First.IsOversized || scratch.Second.IsOversized || scratch.Text.Capacity > 1 << 20 || scratch.Candidates.IsOversized)
            {
                scratch = _current = new Scratch();
            }

            return scratch;
        }
    }

    /// <summary>One candidate tried: its repairs, its loose tree and its aligned JSON. Reused from parse to parse.</summary>
    private sealed class Attempt
    {
        // The reader and writer of this slot, created on first use and kept with its log (the scratch owns their buffers).
        private LooseJsonParser? _parser;
        private ShapeAligner? _aligner;

        public RepairLog Log { get; } = new();

        public LooseNode? Node { get; private set; }

        public ByteBufferWriter Json { get; } = new(1024);

        public bool IsOversized => Json.Capacity > 1 << 20 || Log.IsOversized;

        /// <summary>Drops what the last parse left (its tree, and its repairs, which refer to the tree).</summary>
        public void Forget()
        {
            Node = null;
            Log.Reset();
        }

        /// <summary>Reads and aligns one candidate into this slot.</summary>
        public void Try(string text, Candidate candidate, OutputShape shape, int maxDepth, Scratch scratch)
        {
            Log.Reset();
            Json.Clear();
            _parser ??= new LooseJsonParser(Log, scratch.Text);
            Node = _parser.Parse(text, candidate.Start, candidate.End, maxDepth, shape.KnownStrings);
            if (Node is null)
            {
                return;
            }

            ReportSurroundings(text, candidate, Node, Log);
            scratch.Writer.Reset(Json);
            _aligner ??= new ShapeAligner(scratch.Writer, Log);
            _aligner.Align(Node, shape);
            scratch.Writer.Flush();
        }
    }
}
