namespace PromptGen.Evals.Files;

/// <summary>
/// The 1-based line and byte column of an offset in a UTF-8 file, as <see cref="System.Text.Json.Utf8JsonReader"/>
/// reports offsets: where the baseline and recordings readers point their format errors.
/// </summary>
internal sealed class Utf8LineIndex
{
    private readonly List<long> _starts = new() { 0 };

    public Utf8LineIndex(byte[] utf8)
    {
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n') _starts.Add(i + 1);
        }
    }

    public (int Line, int Column) Position(long offset)
    {
        var index = _starts.BinarySearch(offset);
        if (index < 0) index = ~index - 1;
        return (index + 1, (int)(offset - _starts[index]) + 1);
    }
}
