namespace PromptGen.Evals.Files;

/// <summary>
/// Lines of a UTF-8 file, to locate the baseline and recordings readers' format errors: a byte offset (as
/// <see cref="System.Text.Json.Utf8JsonReader"/> reports token positions) or a line and byte column (as its
/// exceptions report them) becomes a 1-based line and a column in characters, as editors and build logs count them.
/// </summary>
internal sealed class Utf8LineIndex
{
    private readonly byte[] _utf8;
    private readonly List<int> _starts = new() { 0 };

    public Utf8LineIndex(byte[] utf8)
    {
        _utf8 = utf8;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n') _starts.Add(i + 1);
        }
    }

    /// <summary>The line and column of a byte offset.</summary>
    public (int Line, int Column) Position(long offset)
    {
        offset = Math.Max(0, Math.Min(offset, _utf8.Length));
        var index = _starts.BinarySearch((int)offset);
        if (index < 0) index = ~index - 1;
        return (index + 1, Column(index, (int)offset));
    }

    /// <summary>
    /// The line and column of a 1-based line and byte column. A column past the line's end (a reader that stopped at
    /// a line break inside a string) is the end of the line.
    /// </summary>
    public (int Line, int Column) FromByteColumn(long line, long byteColumn)
    {
        var index = (int)Math.Max(0, Math.Min(line - 1, _starts.Count - 1));
        var end = index + 1 < _starts.Count ? _starts[index + 1] - 1 : _utf8.Length;
        var offset = (int)Math.Min(_starts[index] + Math.Max(0, byteColumn - 1), end);
        return (index + 1, Column(index, offset));
    }

    // Characters before the offset on its line; a sequence cut by the offset counts as one.
    private int Column(int lineIndex, int offset) =>
        Encoding.UTF8.GetCharCount(_utf8, _starts[lineIndex], offset - _starts[lineIndex]) + 1;
}
