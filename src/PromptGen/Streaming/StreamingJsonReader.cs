using PromptGen.Language.Values;

namespace PromptGen.Streaming;

/// <summary>
/// Reads a JSON answer as it streams, one chunk at a time, into <see cref="StreamingNode"/>s. Each character is looked
/// at once: a chunk costs its own length, never the length of what came before. Text before the first <c>{</c> or
/// <c>[</c> (prose, a code fence) is skipped, strings may use single quotes, and trailing commas are accepted; anything
/// else that is not JSON stops the reader where it is (<see cref="IsStopped"/>), leaving the values read so far.
/// Chunks may split anything: an escape, a surrogate pair, or (through <see cref="AppendUtf8"/>) a UTF-8 sequence.
/// The final typed value of an answer comes from the schema-aligned parser, which repairs what this reader does not.
/// </summary>
public sealed class StreamingJsonReader
{
    private const int MaxDepth = 256;

    // The open containers, outermost first: an array and a count, because every chunk walks it (Touch).
    private StreamingNode[] _open = new StreamingNode[8];
    private int _depth;
    private readonly StringBuilder _token = new();
    private Decoder? _utf8;
    private char[]? _utf8Chars;
    private State _state = State.BeforeRoot;
    private StreamingString? _string;
    private StreamingString? _lastString;
    // The open string gained text in this chunk: a flag, not a reference, since it is set on most chunks.
    private bool _grown;
    private char _quote;
    private int _escape;
    private int _hex;

    private enum State
    {
        BeforeRoot,
        Value,
        KeyOrEnd,
        Key,
        Colon,
        AfterValue,
        String,
        Literal,
        Done,
        Stopped,
    }

    /// <summary>The outermost value; null until its first character.</summary>
    public StreamingNode? Root { get; private set; }

    /// <summary>Counts visible changes: it moves whenever a value gains text, a property, an item, or completes.</summary>
    public long Version { get; private set; }

    /// <summary>True once the outermost value is closed; later text is ignored.</summary>
    public bool IsDone => _state == State.Done;

    /// <summary>True when text that is not JSON stopped the reader; the values read until then stay.</summary>
    public bool IsStopped => _state == State.Stopped;

    /// <summary>Reads the next chunk of the answer.</summary>
    /// <param name="chunk">The chunk's text.</param>
    public void Append(string? chunk)
    {
        if (chunk is null)
        {
            return;
        }

        ReadChars(chunk.AsSpan());
        TouchGrown();
    }

    /// <summary>Reads the next chunk of the answer as UTF-8 bytes; a sequence split between chunks is joined.</summary>
    /// <param name="chunk">The chunk's bytes.</param>
    public void AppendUtf8(byte[] chunk)
    {
        if (chunk is null)
        {
            throw new ArgumentNullException(nameof(chunk));
        }

        _utf8 ??= new UTF8Encoding(false, false).GetDecoder();
        var needed = _utf8.GetCharCount(chunk, 0, chunk.Length, flush: false);
        if (_utf8Chars is null || _utf8Chars.Length < needed)
        {
            _utf8Chars = new char[Math.Max(needed, 64)];
        }

        var count = _utf8.GetChars(chunk, 0, chunk.Length, _utf8Chars, 0, flush: false);
        ReadChars(_utf8Chars.AsSpan(0, count));
        TouchGrown();
    }

    /// <summary>
    /// The answer has ended: a number or literal at the very end is complete now (nothing else can follow it). Open
    /// strings, objects and arrays stay incomplete.
    /// </summary>
    public void Complete()
    {
        if (_state == State.Literal)
        {
            EndLiteral();
        }
    }

    /// <summary>
    /// Reads characters one at a time, except inside a string: there the text up to the next quote or backslash is
    /// copied in one step, so most of an answer costs a copy, not a state transition per character.
    /// </summary>
    private void ReadChars(ReadOnlySpan<char> chars)
    {
        var i = 0;
        while (i < chars.Length && _state < State.Done)
        {
            if (_state == State.String && _escape == 0)
            {
                var run = _string!.AppendRun(chars.Slice(i), _quote);
                if (run > 0)
                {
                    _grown = true;
                    i += run;
                    continue;
                }
            }

            Read(chars[i++]);
        }
    }

    private void Read(char c)
    {
        switch (_state)
        {
            case State.BeforeRoot:
                if (c == '{' || c == '[')
                {
                    OpenContainer(c);
                }

                return;
            case State.String:
            case State.Key:
                ReadStringChar(c);
                return;
            case State.Literal:
                if (IsLiteralChar(c))
                {
                    _token.Append(c);
                    return;
                }

                EndLiteral();
                if (_state == State.AfterValue)
                {
                    ReadAfterValue(c);
                }

                return;
            case State.Value:
                ReadValueStart(c);
                return;
            case State.KeyOrEnd:
                if (IsWhitespace(c) || c == ',')
                {
                    return;
                }

                if (c == '"' || c == '\'')
                {
                    _quote = c;
                    _token.Clear();
                    _state = State.Key;
                }
                else if (c == '}')
                {
                    CloseContainer(StreamingNodeKind.Object);
                }
                else
                {
                    _state = State.Stopped;
                }

                return;
            case State.Colon:
                if (c == ':')
                {
                    _state = State.Value;
                }
                else if (!IsWhitespace(c))
                {
                    _state = State.Stopped;
                }

                return;
            case State.AfterValue:
                ReadAfterValue(c);
                return;
        }
    }

    private void ReadValueStart(char c)
    {
        if (IsWhitespace(c))
        {
            return;
        }

        switch (c)
        {
            case '{':
            case '[':
                OpenContainer(c);
                return;
            case '"':
            case '\'':
                _quote = c;
                _string = _lastString = new StreamingString(_lastString);
                Attach(_string);
                _state = State.String;
                return;
            case ']':
                // `[]` or a trailing comma.
                CloseContainer(StreamingNodeKind.Array);
                return;
        }

        if (IsLiteralChar(c))
        {
            _token.Clear().Append(c);
            _state = State.Literal;
        }
        else
        {
            _state = State.Stopped;
        }
    }

    private void ReadAfterValue(char c)
    {
        if (IsWhitespace(c))
        {
            return;
        }

        var top = _open[_depth - 1];
        switch (c)
        {
            case ',':
                _state = top.Kind == StreamingNodeKind.Object ? State.KeyOrEnd : State.Value;
                return;
            case '}':
                CloseContainer(StreamingNodeKind.Object);
                return;
            case ']':
                CloseContainer(StreamingNodeKind.Array);
                return;
            default:
                _state = State.Stopped;
                return;
        }
    }

    private void ReadStringChar(char c)
    {
        if (_escape == 1)
        {
            _escape = 0;
            if (c == 'u')
            {
                _escape = 2;
                _hex = 0;
                return;
            }

            // Leniently, an escaped character that is not one of JSON's (\' for one) stands for itself.
            Emit(JsonEscapes.TryDecodeSimple(c, out var decoded) ? decoded : c);
            return;
        }

        if (_escape >= 2)
        {
            var digit = HexValue(c);
            if (digit < 0)
            {
                // Not a \u escape after all: keep what was written.
                _escape = 0;
                Emit('u');
                ReadStringChar(c);
                return;
            }

            _hex = (_hex << 4) | digit;
            if (++_escape == 6)
            {
                _escape = 0;
                Emit((char)_hex);
            }

            return;
        }

        if (c == '\\')
        {
            _escape = 1;
        }
        else if (c == _quote)
        {
            EndString();
        }
        else
        {
            Emit(c);
        }
    }

    private void Emit(char c)
    {
        if (_state == State.Key)
        {
            _token.Append(c);
            return;
        }

        // A string's growth is recorded once per chunk, not once per character (TouchGrown).
        _string!.Append(c);
        _grown = true;
    }

    private void TouchGrown()
    {
        if (_grown)
        {
            Touch(_string);
            _grown = false;
        }
    }

    private void EndString()
    {
        if (_state == State.Key)
        {
            var top = (StreamingObject)_open[_depth - 1];
            top.AddProperty(_token.ToString());
            Touch(null);
            _state = State.Colon;
            return;
        }

        var value = _string!;
        _string = null;
        _grown = false;
        value.Complete();
        Completed(value);
    }

    private void EndLiteral()
    {
        var text = _token.ToString();
        StreamingNodeKind kind;
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            kind = StreamingNodeKind.Boolean;
        }
        else if (string.Equals(text, "null", StringComparison.OrdinalIgnoreCase))
        {
            kind = StreamingNodeKind.Null;
        }
        else if (text[0] == '-' || text[0] == '+' || text[0] == '.' || (text[0] >= '0' && text[0] <= '9'))
        {
            kind = StreamingNodeKind.Number;
        }
        else
        {
            _state = State.Stopped;
            return;
        }

        var scalar = new StreamingScalar(kind, text);
        Attach(scalar);
        Completed(scalar);
    }

    private void OpenContainer(char c)
    {
        if (_depth == MaxDepth)
        {
            _state = State.Stopped;
            return;
        }

        StreamingNode container = c == '{' ? new StreamingObject() : new StreamingArray();
        Attach(container);
        if (_depth == _open.Length)
        {
            Array.Resize(ref _open, _open.Length * 2);
        }

        _open[_depth++] = container;
        Touch(container);
        _state = c == '{' ? State.KeyOrEnd : State.Value;
    }

    private void CloseContainer(StreamingNodeKind kind)
    {
        var top = _open[_depth - 1];
        if (top.Kind != kind || (top is StreamingObject o && o.HasPendingProperty))
        {
            _state = State.Stopped;
            return;
        }

        _open[--_depth] = null!;
        top.IsComplete = true;
        Completed(top);
    }

    /// <summary>Puts a new value where the grammar expects it: the pending property, the next item, or the root.</summary>
    private void Attach(StreamingNode value)
    {
        if (_depth == 0)
        {
            Root = value;
            return;
        }

        switch (_open[_depth - 1])
        {
            case StreamingObject o:
                o.SetLastValue(value);
                break;
            case StreamingArray a:
                a.Add(value);
                break;
        }
    }

    /// <summary>A value is complete: so is its place in the parent; the reader expects a separator next.</summary>
    private void Completed(StreamingNode value)
    {
        if (_depth == 0)
        {
            Touch(value);
            _state = State.Done;
            return;
        }

        switch (_open[_depth - 1])
        {
            case StreamingObject o:
                o.CompleteProperties();
                break;
            case StreamingArray a:
                a.CompleteItems();
                break;
        }

        Touch(value);
        _state = State.AfterValue;
    }

    /// <summary>Records a visible change in <paramref name="changed"/> and in every value around it.</summary>
    private void Touch(StreamingNode? changed)
    {
        var version = ++Version;
        if (changed is not null)
        {
            changed.Version = version;
        }

        var open = _open;
        for (var i = 0; i < _depth && i < open.Length; i++)
        {
            open[i].Version = version;
        }
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r';

    private static bool IsLiteralChar(char c) =>
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c is '-' or '+' or '.';

    private static int HexValue(char c) =>
        c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}
