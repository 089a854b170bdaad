namespace PromptGen.Language.Text;

/// <summary>
/// The one edit distance of PromptGen: insertions, deletions and substitutions of UTF-16 code units (Levenshtein), and
/// optionally swaps of two adjacent ones (optimal string alignment, for did-you-mean suggestions). Linear memory; a
/// bound limits the work to a diagonal band, so long texts compared with a small bound stay cheap.
/// </summary>
public static class EditDistance
{
    /// <summary>The exact distance. Costs time proportional to the product of the lengths: prefer the bounded overload.</summary>
    public static int Distance(string a, string b, bool transpositions = false)
    {
        if (a is null) throw new ArgumentNullException(nameof(a));
        if (b is null) throw new ArgumentNullException(nameof(b));
        return Distance(a, b, Math.Max(a.Length, b.Length), transpositions);
    }

    /// <summary>
    /// The distance when it is at most <paramref name="maxDistance"/>, else <paramref name="maxDistance"/> + 1. Costs
    /// time proportional to <paramref name="maxDistance"/> times the shorter length (only a diagonal band of the table
    /// can hold distances that small), so large outputs compared with a small bound stay cheap. With
    /// <paramref name="transpositions"/>, swapping two adjacent characters counts as one edit.
    /// </summary>
    public static int Distance(string a, string b, int maxDistance, bool transpositions = false)
    {
        if (a is null) throw new ArgumentNullException(nameof(a));
        if (b is null) throw new ArgumentNullException(nameof(b));
        if (maxDistance < 0) throw new ArgumentOutOfRangeException(nameof(maxDistance), "The bound cannot be negative.");

        // A common prefix and suffix cost nothing; a large, nearly equal text is mostly that.
        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start]) start++;
        var endA = a.Length;
        var endB = b.Length;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1])
        {
            endA--;
            endB--;
        }

        var n = endA - start;
        var m = endB - start;
        if (n < m)
        {
            (a, b) = (b, a);
            (n, m) = (m, n);
        }

        // a is the longer now; every cell outside the band |i - j| <= bound is above the bound.
        if (n - m > maxDistance) return maxDistance + 1;
        if (m == 0) return n;
        var bound = Math.Min(maxDistance, n);
        var over = bound + 1;
        var beforePrevious = new int[m + 1];
        var previous = new int[m + 1];
        var current = new int[m + 1];
        for (var j = 0; j <= m; j++) previous[j] = j <= bound ? j : over;
        var previousRowMinimum = 0;
        for (var i = 1; i <= n; i++)
        {
            var from = Math.Max(1, i - bound);
            var to = Math.Min(m, i + bound);
            current[0] = i <= bound ? i : over;
            if (from > 1) current[from - 1] = over;
            var rowMinimum = current[0];
            var ai = a[start + i - 1];
            for (var j = from; j <= to; j++)
            {
                var cost = ai == b[start + j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (transpositions && i > 1 && j > 1 && ai == b[start + j - 2] && a[start + i - 2] == b[start + j - 1])
                {
                    value = Math.Min(value, beforePrevious[j - 2] + 1);
                }

                current[j] = value > over ? over : value;
                if (current[j] < rowMinimum) rowMinimum = current[j];
            }

            if (to < m) current[to + 1] = over;
            // Distances never shrink from one row to the next: once every cell is above the bound, so is the answer
            // (with transpositions a cell also reaches back two rows, so both must be above it).
            if (rowMinimum > bound && (!transpositions || previousRowMinimum > bound)) return maxDistance + 1;
            previousRowMinimum = rowMinimum;
            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }

        return previous[m] <= maxDistance ? previous[m] : maxDistance + 1;
    }
}
