using System.Collections;

namespace PromptGen.Streaming;

/// <summary>
/// The items of a streamed array as of one update. Complete items are shared between updates (they never change), so
/// each update costs only its last, unfinished item, not a copy of the whole list.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class PartialList<T> : IReadOnlyList<T>
{
    private readonly T[] _completed;
    private readonly int _completedCount;
    private readonly bool _hasTail;
    private readonly T _tail;

    internal PartialList(T[] completed, int completedCount, bool hasTail, T tail)
    {
        _completed = completed;
        _completedCount = completedCount;
        _hasTail = hasTail;
        _tail = tail;
    }

    public int Count => _completedCount + (_hasTail ? 1 : 0);

    public T this[int index]
    {
        get
        {
            if ((uint)index < (uint)_completedCount)
            {
                return _completed[index];
            }

            if (_hasTail && index == _completedCount)
            {
                return _tail;
            }

            throw new ArgumentOutOfRangeException(nameof(index));
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < _completedCount; i++)
        {
            yield return _completed[i];
        }

        if (_hasTail)
        {
            yield return _tail;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "[" + string.Join(", ", this) + "]";
}

/// <summary>The complete items of one streamed array read so far: appended to, never changed.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class PartialListBuilder<T>
{
    private T[] _items = new T[4];

    public int Count { get; private set; }

    public T[] Items => _items;

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            // Earlier snapshots keep the old array; they only read up to their own count.
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = item;
    }
}

/// <summary>
/// The items of a streamed array of strings as of one update: complete items shared between updates (the streamed
/// strings, whose text is built when first read and then kept), and the last, unfinished item kept as a view of its
/// text (see <see cref="PartialText"/>) until it is read.
/// </summary>
internal sealed class PartialStringList : IReadOnlyList<string>
{
    private readonly StreamingString[] _completed;
    private readonly int _completedCount;
    private readonly PartialText _tail;

    /// <param name="completed">The complete items (shared; only the first <paramref name="completedCount"/> are read).</param>
    /// <param name="completedCount">How many complete items this update has.</param>
    /// <param name="tail">The unfinished item; none when its value is null (not started, or not a string).</param>
    internal PartialStringList(StreamingString[] completed, int completedCount, PartialText tail)
    {
        _completed = completed;
        _completedCount = completedCount;
        _tail = tail;
    }

    private bool HasTail => _tail.HasValue;

    public int Count => _completedCount + (HasTail ? 1 : 0);

    public string this[int index]
    {
        get
        {
            if ((uint)index < (uint)_completedCount)
            {
                return _completed[index].Text;
            }

            if (index == _completedCount && _tail.Value is { } text)
            {
                return text;
            }

            throw new ArgumentOutOfRangeException(nameof(index));
        }
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < _completedCount; i++)
        {
            yield return _completed[i].Text;
        }

        if (_tail.Value is { } text)
        {
            yield return text;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "[" + string.Join(", ", this) + "]";
}
