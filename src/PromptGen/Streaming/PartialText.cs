using System.ComponentModel;

namespace PromptGen.Streaming;

/// <summary>
/// The text of a string field as of one update, for generated <c>PartialOutput</c> records: a view of the streamed
/// string up to the length it had then, turned into a <see cref="string"/> only when read. Updates that nobody reads cost
/// nothing per character, and comparing two updates is comparing two lengths, so a long string streamed a token at a
/// time costs its own length, not its length squared.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct PartialText : IEquatable<PartialText>
{
    // One reference and a length (16 bytes, not 24): a partial record is copied on every chunk, so its size matters.
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

    /// <summary>A text given whole (a <c>with</c> expression or an initializer in the caller's code).</summary>
    /// <param name="text">The text.</param>
    public static implicit operator PartialText(string? text) => new(text, 0);

    /// <summary>The text of <paramref name="node"/> so far; empty (null text) when it is absent or not a string.</summary>
    /// <param name="node">A streamed value.</param>
    public static PartialText Of(StreamingNode? node) =>
        node is StreamingString s ? new PartialText(s, s.VisibleLength) : default;

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
