namespace PromptGen.Streaming;

/// <summary>A string value whose text grows as characters arrive (escapes already decoded).</summary>
public sealed class StreamingString : StreamingNode
{
    private char[] _chars = new char[16];
    private int _length;
    private string? _text;

    internal StreamingString()
        : base(StreamingNodeKind.String)
    {
    }

    /// <summary>
    /// The text so far. While the string is open, a final high surrogate waits for its pair, so the text is always
    /// well-formed UTF-16. The string is built once per change and reused until the next one.
    /// </summary>
    public string Text => TextOf(VisibleLength);

    /// <summary>How many characters of the text are visible now (a final unpaired high surrogate waits).</summary>
    internal int VisibleLength =>
        !IsComplete && _length > 0 && char.IsHighSurrogate(_chars[_length - 1]) ? _length - 1 : _length;

    /// <summary>The first <paramref name="length"/> characters: the text as it was when it had that length (it only grows).</summary>
    internal string TextOf(int length)
    {
        if (_text is null || _text.Length != length)
        {
            _text = new string(_chars, 0, length);
        }

        return _text;
    }

    internal void Append(char c)
    {
        if (_length == _chars.Length)
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }

        _chars[_length++] = c;
    }

    internal void Append(ReadOnlySpan<char> chars)
    {
        if (_length + chars.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + chars.Length));
        }

        chars.CopyTo(_chars.AsSpan(_length));
        _length += chars.Length;
    }

    internal void Complete()
    {
        IsComplete = true;
    }
}
