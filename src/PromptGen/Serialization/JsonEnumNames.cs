using System.ComponentModel;
using System.Text.Json;

namespace PromptGen.Serialization;

/// <summary>
/// The wire names of a generated enum, in member order (member <c>i</c> has the value <c>i</c>): converts members to
/// their JSON strings and back, and reads them strictly from JSON by comparing UTF-8 bytes (no string per value).
/// </summary>
/// <typeparam name="TEnum">The generated enum.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonEnumNames<TEnum>
    where TEnum : struct, Enum
{
    private readonly string[] _names;
    private readonly byte[][] _utf8Names;
    private readonly TEnum[] _values;
    private readonly string _expected;

    /// <summary>Creates the table; <paramref name="wireNames"/> are the JSON values of the members, in declaration order.</summary>
    /// <param name="wireNames">One wire name per member.</param>
    public JsonEnumNames(params string[] wireNames)
    {
        _names = wireNames ?? throw new ArgumentNullException(nameof(wireNames));
        _utf8Names = new byte[wireNames.Length][];
        _values = new TEnum[wireNames.Length];
        for (var i = 0; i < wireNames.Length; i++)
        {
            _utf8Names[i] = Encoding.UTF8.GetBytes(wireNames[i]);
            // Generated enums have int members 0..n-1; unboxing an int as the enum is exact (once, here).
            _values[i] = (TEnum)(object)i;
        }

        _expected = "a value of " + typeof(TEnum).Name;
        Reader = TryRead;
        Writer = Write;
    }

    /// <summary><see cref="TryRead"/> as a delegate, for lists and maps of the enum.</summary>
    public JsonValueReader<TEnum> Reader { get; }

    /// <summary><see cref="Write"/> as a delegate, for lists and maps of the enum.</summary>
    public JsonValueWriter<TEnum> Writer { get; }

    /// <summary>The wire name of the member whose value is <paramref name="value"/>.</summary>
    /// <param name="value">The member's numeric value.</param>
    /// <returns>Its JSON string.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No member has that value.</exception>
    public string NameOf(int value) =>
        (uint)value < (uint)_names.Length ? _names[value] : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a member of " + typeof(TEnum).Name + ".");

    /// <summary>The member whose wire name is exactly <paramref name="wireName"/>.</summary>
    /// <param name="wireName">A JSON value of the enum.</param>
    /// <param name="value">The member; default when there is none.</param>
    /// <returns>True when a member has that wire name.</returns>
    public bool TryParse(string? wireName, out TEnum value)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (string.Equals(_names[i], wireName, StringComparison.Ordinal))
            {
                value = _values[i];
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Reads a JSON string that is exactly one of the wire names.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">The member read.</param>
    /// <returns>True when the value is one of the wire names.</returns>
    public bool TryRead(ref Utf8JsonReader reader, out TEnum value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                var text = reader.ValueSpan;
                for (var i = 0; i < _utf8Names.Length; i++)
                {
                    if (text.SequenceEqual(_utf8Names[i]))
                    {
                        value = _values[i];
                        return true;
                    }
                }
            }
            else if (TryParse(reader.GetString(), out value))
            {
                return true;
            }
        }

        value = default;
        return JsonRead.Mismatch(ref reader, _expected);
    }

    /// <summary>Writes the member's wire name as a JSON string.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The member.</param>
    public void Write(Utf8JsonWriter writer, TEnum value)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            if (System.Collections.Generic.EqualityComparer<TEnum>.Default.Equals(_values[i], value))
            {
                writer.WriteStringValue(_names[i]);
                return;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, "Not a member of " + typeof(TEnum).Name + ".");
    }
}
