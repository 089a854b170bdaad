namespace PromptGen.Streaming;

/// <summary>
/// The items of a streamed list of strings as of one update: the complete items read so far (shared between updates,
/// never changed) and a view of the unfinished last one, turned into a list only when read.
/// </summary>
internal readonly struct PartialStrings : IEquatable<PartialStrings>
{
    // The streamed list's complete items (a PartialListBuilder<StreamingString>), or a list given whole; null: not started.
    private readonly object? _source;
    private readonly StreamingString? _tail;
    private readonly int _count;
    private readonly int _tailLength;

    private PartialStrings(object? source, int count, StreamingString? tail, int tailLength)
    {
        _source = source;
        _count = count;
        _tail = tail;
        _tailLength = tailLength;
    }

    /// <summary>The items; null when the field has not started.</summary>
    public IReadOnlyList<string>? Value => _source switch
    {
        PartialListBuilder<StreamingString> builder => new PartialStringList(builder.Items, _count, _tail is null ? default : PartialText.View(_tail, _tailLength)),
        _ => (IReadOnlyList<string>?)_source,
    };

    /// <summary>A list given whole (a <c>with</c> expression or an initializer in the caller's code).</summary>
    /// <param name="items">The items.</param>
    public static PartialStrings From(IReadOnlyList<string>? items) => new(items, 0, null, 0);

    /// <summary>The items of a streamed array of strings so far; none (null value) when it is absent or not an array.</summary>
    /// <param name="node">A streamed value.</param>
    public static PartialStrings Of(StreamingNode? node) => PartialValues.StringItems(node);

    internal static PartialStrings Streamed(PartialListBuilder<StreamingString> builder, StreamingString? tail) =>
        new(builder, builder.Count, tail, tail?.VisibleLength ?? 0);

    /// <summary>The first <paramref name="count"/> complete items and the first <paramref name="tailLength"/> characters of <paramref name="tail"/>.</summary>
    internal static PartialStrings At(PartialListBuilder<StreamingString> builder, int count, StreamingString? tail, int tailLength) =>
        new(builder, count, tail, tailLength);

    /// <inheritdoc />
    public bool Equals(PartialStrings other)
    {
        if (_source is PartialListBuilder<StreamingString> && ReferenceEquals(_source, other._source))
        {
            return _count == other._count && ReferenceEquals(_tail, other._tail) && _tailLength == other._tailLength;
        }

        var mine = Value;
        var theirs = other.Value;
        return mine is null || theirs is null ? mine is null && theirs is null : mine.SequenceEqual(theirs, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PartialStrings other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value is { } items ? items.Count : -1;

    /// <inheritdoc />
    public override string ToString() => Value?.ToString() ?? string.Empty;
}
