using PromptGen.Language.Values;

namespace PromptGen.Language.Rendering;

internal enum MarkerKind
{
    Role,
    History,
    Media,
    Section,
}

/// <summary>
/// A structural marker emitted by a Dotprompt helper. It is kept apart from text so that interpolated input can
/// never forge one; <see cref="ReferenceText"/> is the string the reference runtime would have produced.
/// </summary>
internal sealed class DotpromptMarker(MarkerKind kind, string body)
{
    /// <summary>What every marker's reference text starts with.</summary>
    public const string Open = "<<<dotprompt:";

    public MarkerKind Kind { get; } = kind;

    /// <summary>The marker without its brackets, e.g. <c>role:user</c> or <c>media:url https://x image/png</c>.</summary>
    public string Body { get; } = body;

    public string ReferenceText => Open + Body + ">>>";

    private string? _roleName;

    /// <summary>For a role marker, the role's name (<see cref="Body"/> without <c>role:</c>); computed once.</summary>
    public string RoleName => _roleName ??= Body.Substring("role:".Length);
}

/// <summary>Rendered output: text runs and markers, in order.</summary>
internal sealed class RenderOutput
{
    private const int PooledBuilders = 4;
    private const int MaxPooledCapacity = 16 * 1024;

    // Text buffers of finished top-level renders, reused by the next render on the same thread (see Recycle).
    [System.ThreadStatic]
    private static StringBuilder?[]? s_pool;

    private readonly List<object> _items = new();
    private readonly bool _pooled;

    public static readonly RenderOutput Empty = new();

    public RenderOutput()
    {
    }

    /// <summary>An output whose text buffers come from a per-thread pool; give them back with <see cref="Recycle"/>.</summary>
    public RenderOutput(bool pooled) => _pooled = pooled;

    /// <summary>Each item is a <see cref="StringBuilder"/> (text) or a <see cref="DotpromptMarker"/>.</summary>
    public IReadOnlyList<object> Items => _items;

    public bool IsEmpty
    {
        get
        {
            foreach (var item in _items)
            {
                if (item is DotpromptMarker || ((StringBuilder)item).Length > 0) return false;
            }

            return true;
        }
    }

    // The text run being extended (the last item when it is text), so appending needs no look-up.
    private StringBuilder? _tail;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Append(string? text)
    {
        // Hot path of generated render code: extend the current text run (null and "" append nothing).
        if (_tail is { } tail) tail.Append(text);
        else AppendToNewRun(text);
    }

    /// <summary>A number as JavaScript prints it, formatted straight into the current text run.</summary>
    public void AppendNumber(double value) => JsNumber.Append(TextRun(), value);

    /// <summary>An integer as JavaScript prints the number it becomes, formatted straight into the current text run.</summary>
    public void AppendInteger(long value) => JsNumber.Append(TextRun(), value);

    /// <summary>
    /// Handlebars' <c>append</c> of a template value, for the interpreter and generated code alike: undefined and null
    /// print nothing, rendered output and SafeStrings keep their markers, anything else prints as JavaScript's String().
    /// </summary>
    public void AppendValue(object? value)
    {
        switch (value)
        {
            case null:
                return;
            case PromptValue { IsNull: true }:
                return;
            case PromptValue { Kind: PromptValueKind.String } text:
                Append(text.AsString);
                return;
            case PromptValue { Kind: PromptValueKind.Number } number:
                // Formatted straight into the output instead of through a string.
                AppendNumber(number.AsNumber);
                return;
            case RenderOutput rendered:
                Append(rendered);
                return;
            case SafeMarkup markup:
                Append(markup.Content);
                return;
            default:
                Append(JsValues.ToJsString(value));
                return;
        }
    }

    /// <summary>The current text run, started when the last item is a marker (or there is none): for writers that append to it directly.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public StringBuilder TextRun() => _tail ?? StartTextRun();

    private StringBuilder StartTextRun()
    {
        _tail = _pooled ? RentBuilder(0) : new StringBuilder();
        _items.Add(_tail);
        return _tail;
    }

    /// <summary>Appends text held in a builder (another output's run, a helper's text) without making a string of it first.</summary>
    public void Append(StringBuilder text)
    {
        if (text.Length == 0) return;
        if (_tail is null)
        {
            _tail = _pooled ? RentBuilder(text.Length) : new StringBuilder(text.Length);
            _items.Add(_tail);
        }

#if NETCOREAPP || NETSTANDARD2_1_OR_GREATER
        _tail.Append(text);
#else
        _tail.Append(text.ToString());
#endif
    }

    private void AppendToNewRun(string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        if (_tail is null)
        {
            _tail = _pooled ? RentBuilder(text!.Length) : new StringBuilder(text!.Length);
            _items.Add(_tail);
        }

        _tail.Append(text);
    }

    public void Append(DotpromptMarker marker)
    {
        // The run being closed is final from here on: count it (and the marker, as one unit) once.
        _closedLength += (_tail?.Length ?? 0) + 1;
        _tail = null;
        _items.Add(marker);
    }

    // The length of every text run before the current one, plus one per marker (see Length).
    private long _closedLength;

    /// <summary>
    /// About how much this output holds (text, one unit per marker), without a pass over it: for the limit on output
    /// that partials written straight into their caller's output can double (see <see cref="RenderLimitException"/>).
    /// </summary>
    public long Length => _closedLength + (_tail?.Length ?? 0);

    public void Append(RenderOutput other)
    {
        if (ReferenceEquals(other, this)) return;
        foreach (var item in other._items)
        {
            if (item is StringBuilder text)
            {
                AppendMerged(text);
            }
            else
            {
                Append((DotpromptMarker)item);
            }
        }
    }

    /// <summary>Text a partial or helper rendered, counted against the limit on such text.</summary>
    public void AppendMerged(StringBuilder text)
    {
        // Nested outputs (partials, helpers) are where output can double per level: bound them here, off the hot
        // path of plain appends.
        CountMerged(text.Length);
        Append(text);
    }

    private long _mergedLength;

    /// <summary>
    /// Counts text a helper wrote straight into <see cref="TextRun"/> as <see cref="AppendMerged"/> counts text it
    /// copies, against the same limit.
    /// </summary>
    public void CountMerged(int length)
    {
        _mergedLength += length;
        RenderLimitException.Check(_mergedLength, "the text rendered through partials and helpers");
    }

    /// <summary>Empties this output and returns its text buffers to the pool; call only when nothing reads it any more.</summary>
    public void Recycle()
    {
        if (_pooled)
        {
            var pool = s_pool ??= new StringBuilder?[PooledBuilders];
            foreach (var item in _items)
            {
                if (item is not StringBuilder builder || builder.Capacity > MaxPooledCapacity) continue;
                for (var i = 0; i < pool.Length; i++)
                {
                    if (pool[i] is null)
                    {
                        pool[i] = builder;
                        break;
                    }
                }
            }
        }

        _items.Clear();
        _tail = null;
        _mergedLength = 0;
        _closedLength = 0;
    }

    private static StringBuilder RentBuilder(int length)
    {
        if (s_pool is { } pool)
        {
            for (var i = 0; i < pool.Length; i++)
            {
                if (pool[i] is { } builder)
                {
                    pool[i] = null;
                    return builder.Clear();
                }
            }
        }

        // Room for a typical message up front: growing a builder chunk by chunk costs more than it saves.
        return new StringBuilder(System.Math.Max(256, length));
    }

    /// <summary>The output as the reference runtime's string, markers included as text.</summary>
    public string ToReferenceText()
    {
        var builder = new StringBuilder();
        foreach (var item in _items)
        {
            if (item is StringBuilder text) builder.Append(text);
            else builder.Append(((DotpromptMarker)item).ReferenceText);
        }

        return builder.ToString();
    }

    /// <summary>Handlebars' indentation of a standalone partial: every line that has content gets the indent, except an empty last line.</summary>
    public RenderOutput Indent(string indent)
    {
        var result = new RenderOutput();
        var pending = true;
        foreach (var item in _items)
        {
            if (item is DotpromptMarker marker)
            {
                if (pending) result.Append(indent);
                pending = false;
                result.Append(marker);
                continue;
            }

            var text = item.ToString() ?? string.Empty;
            var builder = new StringBuilder(text.Length + indent.Length);
            foreach (var c in text)
            {
                if (pending) builder.Append(indent);
                pending = false;
                builder.Append(c);
                if (c == '\n') pending = true;
            }

            result.Append(builder.ToString());
        }

        return result;
    }
}

/// <summary>A Handlebars <c>SafeString</c>: what helpers such as <c>json</c> and <c>role</c> return.</summary>
internal sealed class SafeMarkup
{
    public SafeMarkup(RenderOutput content) => Content = content;

    public RenderOutput Content { get; }
}
