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

    internal void Add(StreamingNode item) => _items.Add(item);

    internal void CompleteItems() => CompletedCount = _items.Count;
}
