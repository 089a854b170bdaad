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
    public string Text
    {
        get
        {
            if (_text is null)
            {
                var visible = _length;
                if (!IsComplete && visible > 0 && char.IsHighSurrogate(_chars[visible - 1]))
                {
                    visible--;
                }

                _text = new string(_chars, 0, visible);
            }

            return _text;
        }
    }

    internal void Append(char c)
    {
        if (_length == _chars.Length)
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }

        _chars[_length++] = c;
        _text = null;
    }

    internal void Complete()
    {
        IsComplete = true;
        _text = null;
    }
}
