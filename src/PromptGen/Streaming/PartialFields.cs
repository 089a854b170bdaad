namespace PromptGen.Streaming;

/// <summary>
/// Which fields of one streamed object the model has started and finished, as of one update. A field is complete when
/// the model has moved past its value (BAML's "done"): its value will not change any more. Immutable: a later update
/// carries a new instance.
/// </summary>
public sealed class PartialFields : IEquatable<PartialFields>
{
    private readonly StreamingObject? _node;

    private PartialFields(StreamingObject? node, int started, int completed, bool isClosed)
    {
        _node = node;
        StartedCount = started;
        CompletedCount = completed;
        IsClosed = isClosed;
    }

    /// <summary>No field started: the object has not begun.</summary>
    public static PartialFields None { get; } = new(null, 0, 0, false);

    /// <summary>True when the object itself is complete (its closing brace was read).</summary>
    public bool IsClosed { get; }

    /// <summary>How many fields the model has started, including the one it is writing.</summary>
    public int StartedCount { get; }

    /// <summary>How many fields are complete.</summary>
    public int CompletedCount { get; }

    /// <summary>The wire names of the complete fields, in the order the model wrote them.</summary>
    public IReadOnlyList<string> Completed
    {
        get
        {
            var names = new string[CompletedCount];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = _node!.Properties[i].Key;
            }

            return names;
        }
    }

    /// <summary>True when the field with this wire name is complete: its value will not change any more.</summary>
    /// <param name="wireName">The JSON name of the field.</param>
    public bool IsComplete(string wireName) => IndexOf(wireName) is var i && i >= 0 && i < CompletedCount;

    /// <summary>True when the model has started writing the field with this wire name (its name was read).</summary>
    /// <param name="wireName">The JSON name of the field.</param>
    public bool IsStarted(string wireName) => IndexOf(wireName) >= 0;

    /// <summary>The completeness of <paramref name="node"/> now; used by generated code.</summary>
    /// <param name="node">A streamed object.</param>
    public static PartialFields Of(StreamingObject node)
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        // One snapshot per state of the object: updates elsewhere in the answer reuse it.
        var last = node.Completion;
        if (last is not null && last.StartedCount == node.Properties.Count && last.CompletedCount == node.CompletedCount && last.IsClosed == node.IsComplete)
        {
            return last;
        }

        return node.Completion = new PartialFields(node, node.Properties.Count, node.CompletedCount, node.IsComplete);
    }

    /// <summary>
    /// The completeness of <paramref name="node"/> as one number, for partial records to keep (see
    /// <see cref="PartialSource"/>): the started count in the high half, then the complete count and the closed bit.
    /// Zero is <see cref="None"/>.
    /// </summary>
    internal static long PositionOf(StreamingObject node) =>
        ((long)node.PropertyCount << 32) | ((long)node.CompletedCount << 1) | (node.IsComplete ? 1L : 0L);

    /// <summary>The completeness of <paramref name="node"/> at a position from <see cref="PositionOf"/>; the current snapshot when it is that one.</summary>
    internal static PartialFields At(StreamingObject node, long position)
    {
        if (position == PositionOf(node))
        {
            return Of(node);
        }

        return new PartialFields(node, (int)(position >> 32), (int)((position & 0xFFFFFFFFL) >> 1), (position & 1) != 0);
    }

    /// <inheritdoc />
    public bool Equals(PartialFields? other) =>
        other is not null && StartedCount == other.StartedCount && CompletedCount == other.CompletedCount && IsClosed == other.IsClosed &&
        (ReferenceEquals(_node, other._node) || StartedCount == 0);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PartialFields);

    /// <inheritdoc />
    public override int GetHashCode() => (StartedCount * 397) ^ (CompletedCount * 31) ^ (IsClosed ? 1 : 0);

    /// <inheritdoc />
    public override string ToString() => $"{CompletedCount} of {StartedCount} started field(s) complete{(IsClosed ? ", closed" : string.Empty)}";

    private int IndexOf(string wireName)
    {
        if (_node is null)
        {
            return -1;
        }

        var properties = _node.Properties;
        for (var i = 0; i < StartedCount; i++)
        {
            if (string.Equals(properties[i].Key, wireName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
