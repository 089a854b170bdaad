namespace PromptGen;

/// <summary>A place in the model output where a payload may start.</summary>
/// <param name="Start">Where the value starts.</param>
/// <param name="End">Upper bound of the value (end of its balanced region, its fence, or the text).</param>
/// <param name="FenceOpenStart">Where the opening code fence starts, or -1 when the value is not fenced.</param>
/// <param name="FenceOpenEnd">Just past the opening fence line.</param>
/// <param name="FenceCloseStart">Where the closing fence starts.</param>
/// <param name="FenceCloseEnd">Just past the closing fence.</param>
internal readonly record struct Candidate(int Start, int End, int FenceOpenStart, int FenceOpenEnd, int FenceCloseStart, int FenceCloseEnd)
{
    public bool IsFenced => FenceOpenStart >= 0;
}

/// <summary>
/// Finds candidate payloads in one linear pass: fenced blocks, and balanced <c>{...}</c>/<c>[...]</c> regions
/// (string-aware) anywhere in the text; the whole text when there is neither. One finder serves one thread and keeps
/// its lists from one search to the next, so a search allocates nothing once they have grown.
/// </summary>
internal sealed class CandidateFinder
{
    private const int MaxRestarts = 4;

    private readonly List<Fence> _fences = new();
    private readonly List<bool> _fenceHasRegion = new();
    private readonly List<(int Start, int End)> _regions = new();
    private readonly List<Candidate> _candidates = new();

    // Lists grown past this many entries (a huge input full of brackets) are not kept for the next search.
    private const int MaxKeptEntries = 4096;

    /// <summary>Whether a search grew the lists so much that keeping them would pin a lot of memory to the thread.</summary>
    public bool IsOversized => _regions.Capacity > MaxKeptEntries || _candidates.Capacity > MaxKeptEntries || _fences.Capacity > MaxKeptEntries;

    /// <summary>The candidates of <paramref name="text"/> in text order; the list is reused by the next search.</summary>
    public List<Candidate> Find(string text, int maxCandidates)
    {
        var fences = _fences;
        fences.Clear();
        FindFences(text, fences);
        var regions = _regions;
        regions.Clear();

        // Regions come out in text order (each search resumes after the start of the previous region).
        FindBracketRegions(text, regions);

        var candidates = _candidates;
        candidates.Clear();
        var fenceHasRegion = _fenceHasRegion;
        fenceHasRegion.Clear();
        for (var i = 0; i < fences.Count; i++)
        {
            fenceHasRegion.Add(false);
        }

        var fenceIndex = 0;
        foreach (var (start, end) in regions)
        {
            while (fenceIndex < fences.Count && fences[fenceIndex].CloseEnd <= start)
            {
                fenceIndex++;
            }

            if (fenceIndex < fences.Count && fences[fenceIndex].ContentStart <= start && start < fences[fenceIndex].ContentEnd)
            {
                var f = fences[fenceIndex];
                fenceHasRegion[fenceIndex] = true;
                candidates.Add(new Candidate(start, Math.Min(end, f.ContentEnd), f.OpenStart, f.ContentStart, f.ContentEnd, f.CloseEnd));
            }
            else
            {
                candidates.Add(new Candidate(start, end, -1, -1, -1, -1));
            }
        }

        // A fence holding a scalar (or text) and no bracket region is a candidate of its own.
        var inTextOrder = true;
        for (var i = 0; i < fences.Count; i++)
        {
            if (!fenceHasRegion[i])
            {
                var f = fences[i];
                inTextOrder &= candidates.Count == 0 || candidates[candidates.Count - 1].Start < f.ContentStart;
                candidates.Add(new Candidate(f.ContentStart, f.ContentEnd, f.OpenStart, f.ContentStart, f.ContentEnd, f.CloseEnd));
            }
        }

        if (candidates.Count == 0)
        {
            candidates.Add(new Candidate(0, text.Length, -1, -1, -1, -1));
        }

        if (candidates.Count > maxCandidates)
        {
            // Keep the largest regions: markdown links and placeholders are small, payloads are not.
            candidates.Sort(static (a, b) => (b.End - b.Start).CompareTo(a.End - a.Start));
            candidates.RemoveRange(maxCandidates, candidates.Count - maxCandidates);
            inTextOrder = false;
        }

        if (!inTextOrder)
        {
            // Starts are distinct, so the order is the same whatever the sort does with ties.
            candidates.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        }

        return candidates;
    }

    private static void FindFences(string text, List<Fence> fences)
    {
        Collect(text, "```", fences);
        if (fences.Count == 0)
        {
            Collect(text, "~~~", fences);
        }
    }

    private static void Collect(string text, string marker, List<Fence> fences)
    {
        var at = 0;
        var noLineEndingClose = false;
        while (at < text.Length)
        {
            var open = text.IndexOf(marker, at, StringComparison.Ordinal);
            if (open < 0)
            {
                return;
            }

            // Extend over longer runs (````) and the info string (json, JSON, jsonc ...).
            var p = open;
            while (p < text.Length && text[p] == marker[0])
            {
                p++;
            }

            while (p < text.Length && (char.IsLetterOrDigit(text[p]) || text[p] is '-' or '+' or '_'))
            {
                p++;
            }

            while (p < text.Length && text[p] is ' ' or '\t')
            {
                p++;
            }

            if (p < text.Length && text[p] == '\r')
            {
                p++;
            }

            if (p < text.Length && text[p] == '\n')
            {
                p++;
            }

            var close = FindClose(text, marker, p, ref noLineEndingClose);
            if (close < 0)
            {
                fences.Add(new Fence(open, p, text.Length, text.Length));
                return;
            }

            var closeEnd = close;
            while (closeEnd < text.Length && text[closeEnd] == marker[0])
            {
                closeEnd++;
            }

            fences.Add(new Fence(open, p, close, closeEnd));
            at = closeEnd;
        }
    }

    /// <summary>
    /// The closing marker of a fence whose content starts at <paramref name="from"/>: the first marker run that ends
    /// its line, as a Markdown closing fence does, so a marker inside a JSON string (<c>"summary": "```"</c>) does not
    /// cut the payload. When no marker ends a line (<c>```json {...}``` done</c>), the first marker. Once the rest of
    /// the text has no line-ending marker, later fences skip the scan, so finding fences stays linear.
    /// </summary>
    private static int FindClose(string text, string marker, int from, ref bool noLineEndingClose)
    {
        var first = text.IndexOf(marker, from, StringComparison.Ordinal);
        if (noLineEndingClose)
        {
            return first;
        }

        for (var at = first; at >= 0; at = text.IndexOf(marker, at, StringComparison.Ordinal))
        {
            var end = at;
            while (end < text.Length && text[end] == marker[0])
            {
                end++;
            }

            var rest = end;
            while (rest < text.Length && text[rest] is ' ' or '\t')
            {
                rest++;
            }

            if (rest == text.Length || text[rest] is '\r' or '\n')
            {
                return at;
            }

            at = end;
        }

        noLineEndingClose = true;
        return first;
    }

    private static void FindBracketRegions(string text, List<(int Start, int End)> regions)
    {
        var restarts = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '{' && c != '[')
            {
                i++;
                continue;
            }

            var start = i;
            var depth = 0;
            var inString = false;
            var closedAt = -1;
            for (; i < text.Length; i++)
            {
                c = text[i];
                if (inString)
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }

                    continue;
                }

                if (c == '"')
                {
                    inString = true;
                }
                else if (c == '{' || c == '[')
                {
                    depth++;
                }
                else if (c == '}' || c == ']')
                {
                    depth--;
                    if (depth == 0)
                    {
                        closedAt = i + 1;
                        break;
                    }
                }
            }

            if (closedAt > 0)
            {
                regions.Add((start, closedAt));
                i = closedAt;
                continue;
            }

            // Unclosed to the end: a truncated payload, or a stray bracket in prose. Keep it, and (a bounded
            // number of times) look again just after it so a later complete payload is not swallowed.
            regions.Add((start, text.Length));
            if (restarts++ >= MaxRestarts)
            {
                return;
            }

            i = start + 1;
        }
    }

    private readonly record struct Fence(int OpenStart, int ContentStart, int ContentEnd, int CloseEnd);
}
