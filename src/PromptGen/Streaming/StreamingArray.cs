using System.Collections;

namespace PromptGen.Streaming;

/// <summary>An array whose items arrive in order; every item but the last one read is complete.</summary>
public sealed class StreamingArray : StreamingNode
{
    // The items in slots of a struct rather than in a StreamingNode[]: storing a string or object into an array of
    // their base type costs the runtime a type check per store (arrays are covariant), and a list of 700 tags stores
    // 700 times. A struct's array has no such check.
    private Slot[] _items = new Slot[4];
    private int _count;
    private ItemsView? _view;

    internal StreamingArray()
        : base(StreamingNodeKind.Array)
    {
    }

    /// <summary>The items read so far (numbers and literals appear once complete).</summary>
    public IReadOnlyList<StreamingNode> Items => _view ??= new ItemsView(this);

    /// <summary>How many leading items are complete.</summary>
    public int CompletedCount { get; private set; }

    /// <summary>How many items have been read (for generated readers: no interface call per update).</summary>
    internal int Count => _count;

    /// <summary>The item at <paramref name="index"/>.</summary>
    internal StreamingNode ItemAt(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        return _items[index].Node;
    }

    internal void Add(StreamingNode item)
    {
        if (_count == _items.Length)
        {
            // A reader holding the old array still finds every item below the count it read.
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count].Node = item;
        _count++;
    }

    internal void CompleteItems() => CompletedCount = _count;

    private struct Slot
    {
        public StreamingNode Node;
    }

    /// <summary>The items as a read-only list that grows with the array (as the list it replaces did).</summary>
    private sealed class ItemsView : IReadOnlyList<StreamingNode>
    {
        private readonly StreamingArray _array;

        public ItemsView(StreamingArray array) => _array = array;

        public int Count => _array._count;

        public StreamingNode this[int index] => _array.ItemAt(index);

        public IEnumerator<StreamingNode> GetEnumerator()
        {
            for (var i = 0; i < _array._count; i++)
            {
                yield return _array._items[i].Node;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
