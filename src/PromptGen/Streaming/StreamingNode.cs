namespace PromptGen.Streaming;

/// <summary>
/// One JSON value of an answer that is still arriving, as <see cref="StreamingJsonReader"/> builds it. Values only grow:
/// a string gains characters, an object gains properties, an array gains items; nothing read is ever taken back.
/// </summary>
public abstract class StreamingNode
{
    private protected StreamingNode(StreamingNodeKind kind) => Kind = kind;

    /// <summary>The JSON kind.</summary>
    public StreamingNodeKind Kind { get; }

    /// <summary>
    /// True once the model has moved past this value: the closing quote, brace or bracket was read, or the character
    /// after a number or literal. A complete value never changes again.
    /// </summary>
    public bool IsComplete { get; internal set; }

    /// <summary>The reader's change counter when this value, or a value inside it, last changed visibly.</summary>
    public long Version { get; internal set; }

    /// <summary>A typed view of this value built by <see cref="PartialValues"/>, valid while <see cref="Version"/> is <see cref="CachedVersion"/>.</summary>
    internal object? Cached { get; set; }

    internal long CachedVersion { get; set; } = -1;
}
