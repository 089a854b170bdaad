namespace PromptGen.Language.Yaml;

/// <summary>
/// A <see cref="TextReader"/> over part of a string, so the YAML scanner can read the frontmatter where it lies in the
/// file instead of from a copy of it.
/// </summary>
internal sealed class StringSliceReader : TextReader
{
    private readonly string _text;
    private readonly int _end;
    private int _position;

    public StringSliceReader(string text, int start, int length)
    {
        _text = text;
        _position = start;
        _end = start + length;
    }

    public override int Peek() => _position < _end ? _text[_position] : -1;

    public override int Read() => _position < _end ? _text[_position++] : -1;

    public override int Read(char[] buffer, int index, int count)
    {
        if (buffer is null) throw new ArgumentNullException(nameof(buffer));
        if (index < 0 || count < 0 || buffer.Length - index < count) throw new ArgumentOutOfRangeException(nameof(count));
        var read = Math.Min(count, _end - _position);
        _text.CopyTo(_position, buffer, index, read);
        _position += read;
        return read;
    }

    public override string ReadToEnd()
    {
        var rest = _text.Substring(_position, _end - _position);
        _position = _end;
        return rest;
    }
}
