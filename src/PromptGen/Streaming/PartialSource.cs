using System.ComponentModel;

namespace PromptGen.Streaming;

/// <summary>
/// Where the fields of generated <c>PartialOutput</c> records are read: one streamed object's values, shared by every
/// partial record of that object, plus values given in the caller's code (an initializer or a <c>with</c> expression).
/// A record keeps one reference to its source and, for each string, list of strings and its completeness, a position
/// (a length or a count) frozen when the record was made. The streamed values only grow, so a position reads the same
/// text and items for ever: a record a consumer kept never changes, and copying a record for the next chunk copies a
/// few integers and one reference.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PartialSource : IEquatable<PartialSource>
{
    // Marks a slot of _given that holds no value (null is a value a caller may give).
    private static readonly object s_notGiven = new();

    // The streamed object and the value of each field (the first property of its name), set once each as values start;
    // null for a record built in the caller's code.
    private readonly StreamingObject? _node;
    private readonly StreamingNode?[]? _fields;

    // Values given in the caller's code: slot 0 is the completeness, slot 1 + i field i; null when none is given.
    private readonly object?[]? _given;

    private PartialSource(StreamingObject? node, StreamingNode?[]? fields, object?[]? given)
    {
        _node = node;
        _fields = fields;
        _given = given;
    }

    /// <summary>The source of the records of one streamed object with <paramref name="fieldCount"/> fields.</summary>
    internal static PartialSource Streamed(StreamingObject node, int fieldCount) => new(node, new StreamingNode?[fieldCount], null);

    /// <summary>Sets the value of field <paramref name="field"/> once it has started (it never changes after).</summary>
    internal void SetField(int field, StreamingNode value) => _fields![field] ??= value;

    /// <summary>The text of a string field at a position from <see cref="PartialValues.TextPosition"/>.</summary>
    /// <param name="source">The record's source; null for a record built in the caller's code.</param>
    /// <param name="field">The field's ordinal.</param>
    /// <param name="position">The record's position of the field.</param>
    public static string? Text(PartialSource? source, int field, int position)
    {
        if (source?.Given(field + 1, out var given) == true)
        {
            return (string?)given;
        }

        return position > 0 && source!._fields![field] is StreamingString text ? text.TextOf(position - 1) : null;
    }

    /// <summary>The items of a list-of-strings field at a position from <see cref="PartialValues.StringsPosition"/>.</summary>
    /// <param name="source">The record's source; null for a record built in the caller's code.</param>
    /// <param name="field">The field's ordinal.</param>
    /// <param name="position">The record's position of the field.</param>
    public static IReadOnlyList<string>? Strings(PartialSource? source, int field, long position)
    {
        if (source?.Given(field + 1, out var given) == true)
        {
            return (IReadOnlyList<string>?)given;
        }

        return position != 0 && source!._fields![field] is StreamingArray array ? PartialValues.StringsAt(array, position).Value : null;
    }

    /// <summary>
    /// The value of a number, enum or JSON field: read by <see cref="PartialValues"/> once complete and kept in the
    /// streamed value, which never changes after; the record keeps only whether it had it.
    /// </summary>
    /// <typeparam name="T">The field's type.</typeparam>
    /// <param name="source">The record's source; null for a record built in the caller's code.</param>
    /// <param name="field">The field's ordinal.</param>
    /// <param name="present">True when the record has the field's value.</param>
    public static T? Value<T>(PartialSource? source, int field, bool present)
        where T : struct
    {
        if (source?.Given(field + 1, out var given) == true)
        {
            return (T?)given;
        }

        return present && source!._fields![field]?.Cached is T value ? value : null;
    }

    /// <summary>The completeness at a position from <see cref="PartialRecordReader{T}"/>.</summary>
    /// <param name="source">The record's source; null for a record built in the caller's code.</param>
    /// <param name="position">The record's position of its completeness.</param>
    public static PartialFields Fields(PartialSource? source, long position)
    {
        if (source?.Given(0, out var given) == true)
        {
            return (PartialFields?)given ?? PartialFields.None;
        }

        return position == 0 || source?._node is not { } node ? PartialFields.None : PartialFields.At(node, position);
    }

    /// <summary>
    /// The source of a record whose field <paramref name="field"/> (-1: its completeness) is given in the caller's code:
    /// <paramref name="source"/> itself when the value is the field's current one, else a new source with the value.
    /// </summary>
    /// <param name="source">The record's source.</param>
    /// <param name="field">The field's ordinal; -1 for the completeness.</param>
    /// <param name="value">The value given.</param>
    /// <param name="current">The field's value before.</param>
    public static PartialSource? Give(PartialSource? source, int field, object? value, object? current)
    {
        if (SameValue(value, current))
        {
            return source;
        }

        var slot = field + 1;
        var old = source?._given;
        var given = new object?[Math.Max(slot + 1, old?.Length ?? 0)];
        for (var i = 0; i < given.Length; i++)
        {
            given[i] = old is not null && i < old.Length ? old[i] : s_notGiven;
        }

        given[slot] = value;
        return new PartialSource(source?._node, source?._fields, given);
    }

    /// <summary>True for the same streamed object with the same given values.</summary>
    /// <param name="other">Another source.</param>
    public bool Equals(PartialSource? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || !ReferenceEquals(_fields, other._fields))
        {
            return false;
        }

        var length = Math.Max(_given?.Length ?? 0, other._given?.Length ?? 0);
        for (var i = 0; i < length; i++)
        {
            if (!SameValue(SlotOf(_given, i), SlotOf(other._given, i)))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PartialSource);

    /// <inheritdoc />
    public override int GetHashCode() => _fields is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_fields);

    private bool Given(int slot, out object? value)
    {
        value = SlotOf(_given, slot);
        return !ReferenceEquals(value, s_notGiven);
    }

    private static object? SlotOf(object?[]? given, int slot) => given is not null && slot < given.Length ? given[slot] : s_notGiven;

    /// <summary>Equal values; lists of strings by their items, as the records compared them before.</summary>
    private static bool SameValue(object? a, object? b) =>
        Equals(a, b) || (a is IReadOnlyList<string> x && b is IReadOnlyList<string> y && x.SequenceEqual(y, StringComparer.Ordinal));
}
