namespace PromptGen.Streaming;

/// <summary>A string value whose text grows as characters arrive (escapes already decoded).</summary>
public sealed class StreamingString : StreamingNode
{
    // The strings of one answer share character buffers: a string starts where the one before it ended, in the same
    // buffer, so 700 short tags cost a few buffers, not 700 arrays. Only the open string (always the last one in its
    // buffer) grows; when it does not fit, it moves to a new, larger buffer, which the next strings then share.
    private const int FirstBufferLength = 256;
    private const int MaxBufferLength = 8192;

    private char[] _chars;
    private int _start;
    private int _length;
    private string? _text;

    // Odd while the open string moves to a larger buffer: a partial kept on another thread reads the buffer and the
    // offset as a pair, and reads again when a move ran in between (a sequence lock; moves are rare).
    private int _moves;

    /// <summary>A string that starts after <paramref name="previous"/> in its buffer (the answer's first string: a new buffer).</summary>
    internal StreamingString(StreamingString? previous)
        : base(StreamingNodeKind.String)
    {
        if (previous is null)
        {
            _chars = new char[FirstBufferLength];
        }
        else
        {
            _chars = previous._chars;
            _start = previous._start + previous._length;
        }
    }

    /// <summary>
    /// The text so far. While the string is open, a final high surrogate waits for its pair, so the text is always
    /// well-formed UTF-16. The string is built once per change and reused until the next one.
    /// </summary>
    public string Text => TextOf(VisibleLength);

    /// <summary>How many characters of the text are visible now (a final unpaired high surrogate waits).</summary>
    internal int VisibleLength
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => !IsComplete && _length > 0 && char.IsHighSurrogate(_chars[_start + _length - 1]) ? _length - 1 : _length;
    }

    /// <summary>The first <paramref name="length"/> characters: the text as it was when it had that length (it only grows).</summary>
    internal string TextOf(int length)
    {
        // Read once: a partial kept on another thread may ask for another length at the same time.
        var text = _text;
        if (text is null || text.Length != length)
        {
            text = ReadText(length);
            _text = text;
        }

        return text;
    }

    private string ReadText(int length)
    {
        // The text before a move stays where it was (nothing writes there again), so either buffer of a consistent
        // pair holds the first `length` characters.
        var spin = default(SpinWait);
        while (true)
        {
            var moves = Volatile.Read(ref _moves);
            if ((moves & 1) == 0)
            {
                var chars = _chars;
                var start = _start;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _moves) == moves)
                {
                    return new string(chars, start, length);
                }
            }

            spin.SpinOnce();
        }
    }

    internal void Append(char c)
    {
        if (_start + _length == _chars.Length)
        {
            Move(1);
        }

        _chars[_start + _length++] = c;
    }

    /// <summary>
    /// Appends the characters of <paramref name="chars"/> before the first <paramref name="quote"/> or backslash; returns
    /// how many. A token is a few characters: they are checked and copied in one loop, a long chunk is searched
    /// (vectorized) and copied in one step.
    /// </summary>
    internal int AppendRun(ReadOnlySpan<char> chars, char quote)
    {
        if (chars.Length >= 16)
        {
            var end = chars.IndexOfAny(quote, '\\');
            end = end < 0 ? chars.Length : end;
            Append(chars.Slice(0, end));
            return end;
        }

        if (_start + _length + chars.Length > _chars.Length)
        {
            Move(chars.Length);
        }

        var buffer = _chars;
        var at = _start + _length;
        var i = 0;
        for (; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c == quote || c == '\\')
            {
                break;
            }

            buffer[at + i] = c;
        }

        _length += i;
        return i;
    }

    internal void Append(ReadOnlySpan<char> chars)
    {
        if (_start + _length + chars.Length > _chars.Length)
        {
            Move(chars.Length);
        }

        var at = _start + _length;
        if (chars.Length <= 8)
        {
            // A token's few characters: a loop, not a call to the block copy.
            for (var i = 0; i < chars.Length; i++)
            {
                _chars[at + i] = chars[i];
            }
        }
        else
        {
            chars.CopyTo(_chars.AsSpan(at));
        }

        _length += chars.Length;
    }

    internal void Complete()
    {
        IsComplete = true;
    }

    /// <summary>Moves the text to a new buffer with room for <paramref name="more"/> characters and for the strings after it.</summary>
    private void Move(int more)
    {
        var needed = _length + more;
        var length = Math.Max(Math.Min(_chars.Length * 2, MaxBufferLength), needed * 2);
        var chars = new char[length];
        Array.Copy(_chars, _start, chars, 0, _length);
        Interlocked.Increment(ref _moves);
        _chars = chars;
        _start = 0;
        Interlocked.Increment(ref _moves);
    }
}
