namespace PromptGen.Language.Text;

/// <summary>Maps offsets in a text to 1-based lines and columns. Lines end at \n, \r\n or a lone \r.</summary>
public sealed class LineMap
{
    private readonly int[] _lineStarts;
    private readonly int _length;

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
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0) index = ~index - 1;
        line = index + 1;
        column = offset - _lineStarts[index] + 1;
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
