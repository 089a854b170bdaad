namespace PromptGen.Streaming;

/// <summary>An array whose items arrive in order; every item but the last one read is complete.</summary>
public sealed class StreamingArray : StreamingNode
{
    private readonly List<StreamingNode> _items = new();

    internal StreamingArray()
        : base(StreamingNodeKind.Array)
    {
    }

    /// <summary>The items read so far (numbers and literals appear once complete).</summary>
    public IReadOnlyList<StreamingNode> Items => _items;

    /// <summary>How many leading items are complete.</summary>
    public int CompletedCount { get; private set; }

    /// <summary>How many items have been read (for generated readers: no interface call per update).</summary>
    internal int Count => _items.Count;

    /// <summary>The item at <paramref name="index"/>.</summary>
    internal StreamingNode ItemAt(int index) => _items[index];

    internal void Add(StreamingNode item) => _items.Add(item);

    internal void CompleteItems() => CompletedCount = _items.Count;
}
