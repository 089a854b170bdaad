namespace PromptGen.Language.Text;

/// <summary>Maps offsets in a text to 1-based lines and columns. Lines end at \n, \r\n or a lone \r.</summary>
public sealed class LineMap
{
    private readonly int[] _lineStarts;
    private readonly int _length;

    // The line of the last lookup: readers ask for positions in file order, mostly on the same or the next line. Only a
    // hint (checked before use), so concurrent readers cannot get a wrong answer from it.
    private int _lastLineIndex;

    public LineMap(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        _length = text.Length;

        // Two passes (count, then fill) give an array of the exact size without a growing list's copies.
        _lineStarts = new int[NextLineStarts(text, null) + 1];
        NextLineStarts(text, _lineStarts);
    }

    /// <summary>Counts the line starts after offset 0 and, when <paramref name="starts"/> is given, writes them from index 1.</summary>
    private static int NextLineStarts(string text, int[]? starts)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c > '\r') continue;
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
            }
            else if (c != '\n')
            {
                continue;
            }

            count++;
            if (starts is not null) starts[count] = i + 1;
        }

        return count;
    }

    public int LineCount => _lineStarts.Length;

    /// <summary>Offset at which the given 1-based line starts.</summary>
    public int GetLineStart(int line) => _lineStarts[Math.Max(0, Math.Min(line - 1, _lineStarts.Length - 1))];

    public void GetPosition(int offset, out int line, out int column)
    {
        offset = Math.Max(0, Math.Min(offset, _length));
        var index = LineIndexOf(offset);
        _lastLineIndex = index;
        line = index + 1;
        column = offset - _lineStarts[index] + 1;
    }

    /// <summary>The 0-based line holding <paramref name="offset"/>: the last line starting at or before it.</summary>
    private int LineIndexOf(int offset)
    {
        var starts = _lineStarts;
        var hint = _lastLineIndex;
        if (hint < starts.Length && starts[hint] <= offset)
        {
            if (hint + 1 == starts.Length || offset < starts[hint + 1]) return hint;
            if (hint + 2 == starts.Length || offset < starts[hint + 2]) return hint + 1;
        }

        var low = 0;
        var high = starts.Length - 1;
        while (low < high)
        {
            // The upper middle, so low always moves: the answer is the last start <= offset (starts[0] is 0).
            var middle = low + ((high - low + 1) >> 1);
            if (starts[middle] <= offset) low = middle;
            else high = middle - 1;
        }

        return low;
    }

    /// <summary>Offset of a 1-based line and column, clamped to the text.</summary>
    public int GetOffset(int line, int column)
    {
        var start = GetLineStart(line);
        return Math.Max(0, Math.Min(start + Math.Max(0, column - 1), _length));
    }

    public SourceSpan GetSpan(int start, int end)
    {
        if (end < start) end = start;
        GetPosition(start, out var startLine, out var startColumn);
        GetPosition(end, out var endLine, out var endColumn);
        return new SourceSpan(start, end, startLine, startColumn, endLine, endColumn);
    }
}
