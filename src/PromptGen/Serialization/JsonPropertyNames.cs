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
    private readonly byte[][] _utf8Names;

    /// <summary>Creates the table of a record's properties.</summary>
    /// <param name="names">The JSON names of the properties, in declaration order.</param>
    public JsonPropertyNames(params string[] names)
    {
        if (names is null) throw new ArgumentNullException(nameof(names));
        _utf8Names = new byte[names.Length][];
        for (var i = 0; i < names.Length; i++) _utf8Names[i] = Encoding.UTF8.GetBytes(names[i]);
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
