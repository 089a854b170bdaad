namespace PromptGen.Streaming;

/// <summary>A complete number, boolean or <c>null</c> (scalars appear only when the model has moved past them).</summary>
public sealed class StreamingScalar : StreamingNode
{
    internal StreamingScalar(StreamingNodeKind kind, string text)
        : base(kind)
    {
        Text = text;
        IsComplete = true;
    }

    /// <summary>The literal as the model wrote it (<c>12.5</c>, <c>true</c>, <c>null</c>).</summary>
    public string Text { get; }
}
