using System.ComponentModel;
using System.Text.Json;

namespace PromptGen.Serialization;

/// <summary>
/// The JSON property names of a generated record, in declaration order: finds which one the reader is on by comparing
/// UTF-8 bytes (no string per name), trying the property after the previous one first, since models write the
/// properties in the schema's order.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonPropertyNames
{
    /// <summary>The most properties a table that knows its record's required properties can hold (one bit each).</summary>
    public const int MaxTrackedProperties = 64;

    private readonly byte[][] _utf8Names;
    private readonly string[] _names;
    private readonly string? _typeName;
    private readonly ulong _required;

    /// <summary>Creates the table of a record's properties.</summary>
    /// <param name="names">The JSON names of the properties, in declaration order.</param>
    public JsonPropertyNames(params string[] names)
    {
        _names = names ?? throw new ArgumentNullException(nameof(names));
        _utf8Names = new byte[names.Length][];
        for (var i = 0; i < names.Length; i++) _utf8Names[i] = Encoding.UTF8.GetBytes(names[i]);
    }

    /// <summary>
    /// Creates the table of a record's properties that also checks its required ones: read the record with
    /// <see cref="Start{T}"/>, <see cref="Next(ref Utf8JsonReader, ref JsonPropertyCursor)"/> and <see cref="Complete"/>.
    /// </summary>
    /// <param name="typeName">The record's name, for the message when a required property is missing.</param>
    /// <param name="required">The required properties: bit <c>i</c> set when the property at index <c>i</c> is required.</param>
    /// <param name="names">The JSON names of the properties, in declaration order (at most <see cref="MaxTrackedProperties"/>).</param>
    public JsonPropertyNames(string typeName, ulong required, params string[] names)
        : this(names)
    {
        if (names.Length > MaxTrackedProperties) throw new ArgumentException($"At most {MaxTrackedProperties} properties are tracked.", nameof(names));
        _typeName = typeName ?? throw new ArgumentNullException(nameof(typeName));
        _required = required;
    }

    /// <summary>How many names the table has.</summary>
    internal int Count => _names.Length;

    /// <summary>The index of the property named <paramref name="name"/>; -1 for none (streamed records match names as strings).</summary>
    internal int IndexOf(string name) => Array.IndexOf(_names, name);

    /// <summary>
    /// Starts reading a record: checks that the reader is on the start of an object and sets <paramref name="value"/>
    /// to null until the record's reader has read all of it.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">Set to null.</param>
    /// <param name="cursor">Before the first property, with none read.</param>
    /// <returns>True on <c>{</c>; false (with the failure recorded) on any other value.</returns>
    public bool Start<T>(ref Utf8JsonReader reader, out T value, out JsonPropertyCursor cursor)
        where T : class
    {
        value = null!;
        cursor = new JsonPropertyCursor(-1);
        return JsonRead.StartObject(ref reader);
    }

    /// <summary>
    /// Moves to the value of the next property of the current object that has one of the names, skipping the others,
    /// and marks it read. False at the object's end (the reader is then on <c>}</c>).
    /// </summary>
    /// <param name="reader">The reader, inside an object: on <c>{</c> or on the last token of a property's value.</param>
    /// <param name="cursor">The previous property and those read so far; on return, on the property read.</param>
    /// <returns>True on the value of a known property (<see cref="JsonPropertyCursor.Index"/>).</returns>
    public bool Next(ref Utf8JsonReader reader, ref JsonPropertyCursor cursor)
    {
        var index = cursor.Index;
        if (!Next(ref reader, ref index)) return false;
        cursor = new JsonPropertyCursor(index, cursor.Read | (1UL << index));
        return true;
    }

    /// <summary>Whether the record's required properties were all read; records the first missing one when not.</summary>
    /// <param name="reader">The reader, on the object's <c>}</c> (where the failure message says the object is).</param>
    /// <param name="cursor">The cursor at the object's end.</param>
    /// <returns>True when none is missing.</returns>
    public bool Complete(ref Utf8JsonReader reader, in JsonPropertyCursor cursor)
    {
        var missing = _required & ~cursor.Read;
        if (missing == 0) return true;
        var index = 0;
        while ((missing & (1UL << index)) == 0) index++;
        JsonReadFailure.MissingProperty(_names[index], _typeName!, reader.TokenStartIndex);
        return false;
    }

    /// <summary>
    /// Moves to the value of the next property of the current object that has one of the names, skipping the others.
    /// False at the object's end (the reader is then on <c>}</c>).
    /// </summary>
    /// <param name="reader">The reader, inside an object: on <c>{</c> or on the last token of a property's value.</param>
    /// <param name="index">On entry the previous property's index (-1 before the first); on return the index of the property read.</param>
    /// <returns>True on the value of a known property.</returns>
    public bool Next(ref Utf8JsonReader reader, ref int index)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var found = Find(ref reader, index + 1);
            reader.Read();
            if (found >= 0)
            {
                index = found;
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private int Find(ref Utf8JsonReader reader, int expected)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            for (var i = 0; i < _utf8Names.Length; i++)
            {
                if (reader.ValueTextEquals(_utf8Names[i])) return i;
            }

            return -1;
        }

        var name = reader.ValueSpan;
        if (expected < _utf8Names.Length && name.SequenceEqual(_utf8Names[expected])) return expected;
        for (var i = 0; i < _utf8Names.Length; i++)
        {
            if (name.SequenceEqual(_utf8Names[i])) return i;
        }

        return -1;
    }
}
