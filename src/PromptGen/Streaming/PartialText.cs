namespace PromptGen.Streaming;

/// <summary>
/// The text of a streamed string as of one update: a view of the string up to the length it had then, turned into a
/// <see cref="string"/> only when read (the unfinished last item of a list of strings). Comparing two updates is
/// comparing two lengths, so a long string streamed a token at a time costs its own length, not its length squared.
/// </summary>
internal readonly struct PartialText : IEquatable<PartialText>
{
    // The reference is the streamed string (a view of its first _length characters) or a text given whole.
    private readonly object? _source;
    private readonly int _length;

    private PartialText(object? source, int length)
    {
        _source = source;
        _length = length;
    }

    /// <summary>The text; null when the field has not started.</summary>
    public string? Value => _source is StreamingString node ? node.TextOf(_length) : (string?)_source;

    /// <summary>True when there is a text (<see cref="Value"/> is not null), without building it.</summary>
    internal bool HasValue => _source is not null;

    /// <summary>The first <paramref name="length"/> characters of <paramref name="node"/>.</summary>
    internal static PartialText View(StreamingString node, int length) => new(node, length);

    /// <inheritdoc />
    public bool Equals(PartialText other) =>
        _source is StreamingString && ReferenceEquals(_source, other._source)
            ? _length == other._length
            : string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PartialText other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value is { } text ? StringComparer.Ordinal.GetHashCode(text) : 0;

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
