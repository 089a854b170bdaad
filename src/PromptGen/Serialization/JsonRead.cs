using System.ComponentModel;
using System.Text.Json;

namespace PromptGen.Serialization;

/// <summary>
/// Strict, non-throwing readers of JSON values for generated code: one shared copy of what every prompt's codec
/// needs (strings, numbers, booleans, <see cref="JsonElement"/>, lists, maps, nullable forms, object traversal).
/// Each has the shape of <see cref="JsonValueReader{T}"/>: it starts on the value's first token, ends on its last,
/// and returns <see langword="false"/> instead of throwing when the value has another kind.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonRead
{
    /// <summary>Reads a JSON string.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">The string read.</param>
    /// <returns>True when the value is a string.</returns>
    public static bool String(ref Utf8JsonReader reader, out string value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            value = JsonSourceText.GetString(ref reader);
            return true;
        }

        value = null!;
        return Mismatch(ref reader, "a string");
    }

    /// <summary>Reads a JSON string or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">The string read, or null.</param>
    /// <returns>True when the value is a string or null.</returns>
    public static bool NullableString(ref Utf8JsonReader reader, out string? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }

        return String(ref reader, out value!);
    }

    /// <summary>Reads a whole JSON number that fits a <see cref="long"/>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">The number read.</param>
    /// <returns>True when the value is a whole number in range.</returns>
    public static bool Int64(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (!IsNumber(ref reader)) return false;
        if (!reader.HasValueSequence && JsonShortNumber.TryParseInt64(reader.ValueSpan, out value)) return true;
        return reader.TryGetInt64(out value) || Mismatch(ref reader, "a whole number in range");
    }

    /// <summary>Reads a whole JSON number that fits a <see cref="long"/>, or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">The number read, or null.</param>
    /// <returns>True when the value is a whole number in range or null.</returns>
    public static bool NullableInt64(ref Utf8JsonReader reader, out long? value) => Nullable(ref reader, default(Int64Reader), out value);

    /// <summary>Reads a whole JSON number that fits an <see cref="int"/>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">The number read.</param>
    /// <returns>True when the value is a whole number in range.</returns>
    public static bool Int32(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        return IsNumber(ref reader) && (reader.TryGetInt32(out value) || Mismatch(ref reader, "a whole number in range"));
    }

    /// <summary>Reads a whole JSON number that fits an <see cref="int"/>, or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">The number read, or null.</param>
    /// <returns>True when the value is a whole number in range or null.</returns>
    public static bool NullableInt32(ref Utf8JsonReader reader, out int? value) => Nullable(ref reader, default(Int32Reader), out value);

    /// <summary>Reads a JSON number as a <see cref="double"/>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">The number read.</param>
    /// <returns>True when the value is a number a double can hold.</returns>
    public static bool Double(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        if (!IsNumber(ref reader)) return false;
        if (!reader.HasValueSequence && JsonShortNumber.TryParseDouble(reader.ValueSpan, out value)) return true;
        return reader.TryGetDouble(out value) || Mismatch(ref reader, "a number in range");
    }

    /// <summary>Reads a JSON number as a <see cref="double"/>, or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">The number read, or null.</param>
    /// <returns>True when the value is a number a double can hold, or null.</returns>
    public static bool NullableDouble(ref Utf8JsonReader reader, out double? value) => Nullable(ref reader, default(DoubleReader), out value);

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">The boolean read.</param>
    /// <returns>True when the value is a boolean.</returns>
    public static bool Boolean(ref Utf8JsonReader reader, out bool value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return true;
            case JsonTokenType.False:
                value = false;
                return true;
            default:
                value = false;
                return Mismatch(ref reader, "true or false");
        }
    }

    /// <summary>Reads <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">The boolean read, or null.</param>
    /// <returns>True when the value is a boolean or null.</returns>
    public static bool NullableBoolean(ref Utf8JsonReader reader, out bool? value) => Nullable(ref reader, default(BooleanReader), out value);

    /// <summary>Reads any JSON value as a <see cref="JsonElement"/> (a copy that outlives the reader's buffer).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">The value read.</param>
    /// <returns>Always true: any value fits.</returns>
    public static bool Json(ref Utf8JsonReader reader, out JsonElement value)
    {
        value = JsonElement.ParseValue(ref reader);
        return true;
    }

    /// <summary>Reads any JSON value as a <see cref="JsonElement"/>; JSON <c>null</c> becomes <see langword="null"/>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">The value read, or null.</param>
    /// <returns>Always true: any value fits.</returns>
    public static bool NullableJson(ref Utf8JsonReader reader, out JsonElement? value)
    {
        value = reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);
        return true;
    }

    /// <summary>Reads a JSON array whose items fit <paramref name="readItem"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="readItem">Reads one item.</param>
    /// <param name="value">The list read.</param>
    /// <returns>True when the value is an array of fitting items.</returns>
    public static bool List<T>(ref Utf8JsonReader reader, JsonValueReader<T> readItem, out IReadOnlyList<T> value)
    {
        value = null!;
        if (reader.TokenType != JsonTokenType.StartArray) return Mismatch(ref reader, "an array");
        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!readItem(ref reader, out var item)) return false;
            list.Add(item);
        }

        value = list;
        return true;
    }

    /// <summary>Reads a JSON array whose items fit <paramref name="readItem"/>, or <c>null</c>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="readItem">Reads one item.</param>
    /// <param name="value">The list read, or null.</param>
    /// <returns>True when the value is null or an array of fitting items.</returns>
    public static bool NullableList<T>(ref Utf8JsonReader reader, JsonValueReader<T> readItem, out IReadOnlyList<T>? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }

        return List(ref reader, readItem, out value!);
    }

    /// <summary>Reads a JSON object as a dictionary whose values fit <paramref name="readValue"/> (a repeated key keeps its last value).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="readValue">Reads one value.</param>
    /// <param name="value">The dictionary read (ordinal keys).</param>
    /// <returns>True when the value is an object of fitting values.</returns>
    public static bool Map<T>(ref Utf8JsonReader reader, JsonValueReader<T> readValue, out IReadOnlyDictionary<string, T> value)
    {
        value = null!;
        if (!StartObject(ref reader)) return false;
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        while (NextProperty(ref reader))
        {
            var name = JsonSourceText.GetString(ref reader);
            reader.Read();
            if (!readValue(ref reader, out var item)) return false;
            map[name] = item;
        }

        value = map;
        return true;
    }

    /// <summary>Reads a JSON object as a dictionary whose values fit <paramref name="readValue"/>, or <c>null</c>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="readValue">Reads one value.</param>
    /// <param name="value">The dictionary read, or null.</param>
    /// <returns>True when the value is null or an object of fitting values.</returns>
    public static bool NullableMap<T>(ref Utf8JsonReader reader, JsonValueReader<T> readValue, out IReadOnlyDictionary<string, T>? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }

        return Map(ref reader, readValue, out value!);
    }

    /// <summary>Reads a value with <paramref name="read"/>, or JSON <c>null</c> as <see langword="null"/> (records, lists, maps).</summary>
    /// <typeparam name="T">The reference type read.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="read">Reads a non-null value.</param>
    /// <param name="value">The value read, or null.</param>
    /// <returns>True when the value is null or fits <paramref name="read"/>.</returns>
    public static bool NullableObject<T>(ref Utf8JsonReader reader, JsonValueReader<T> read, out T? value)
        where T : class
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }

        return read(ref reader, out value);
    }

    /// <summary>Reads a value with <paramref name="read"/>, or JSON <c>null</c> as <see langword="null"/> (enums).</summary>
    /// <typeparam name="T">The value type read.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="read">Reads a non-null value.</param>
    /// <param name="value">The value read, or null.</param>
    /// <returns>True when the value is null or fits <paramref name="read"/>.</returns>
    public static bool NullableValue<T>(ref Utf8JsonReader reader, JsonValueReader<T> read, out T? value)
        where T : struct =>
        Nullable(ref reader, new DelegateReader<T>(read), out value);

    /// <summary>Checks that the reader is on the start of an object (before <see cref="NextProperty"/>).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>True on <c>{</c>.</returns>
    public static bool StartObject(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.StartObject || Mismatch(ref reader, "an object");

    /// <summary>
    /// Starts reading a generated record: checks that the reader is on the start of an object and sets
    /// <paramref name="value"/> to null until the record's reader has read all of it.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">Set to null.</param>
    /// <returns>True on <c>{</c>.</returns>
    public static bool StartObject<T>(ref Utf8JsonReader reader, out T value)
        where T : class
    {
        value = null!;
        return StartObject(ref reader);
    }

    /// <summary>
    /// Moves to the next property name of the current object. False at the object's end (the reader is then on
    /// <c>}</c>). Compare the name with <c>reader.ValueTextEquals("name"u8)</c>, then <c>reader.Read()</c> to its value.
    /// </summary>
    /// <param name="reader">The reader, inside an object.</param>
    /// <returns>True on a property name.</returns>
    public static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Checks that the reader is on a number; records a mismatch otherwise.</summary>
    private static bool IsNumber(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number || Mismatch(ref reader, "a number");

    /// <summary>
    /// The one rule of every nullable value-type reader: JSON <c>null</c> is <see langword="null"/>, anything else is read
    /// by <paramref name="read"/>. The reader is a struct so that each kind gets its own compiled copy with the call
    /// inlined, where a delegate would cost a call per value.
    /// </summary>
    private static bool Nullable<T, TReader>(ref Utf8JsonReader reader, TReader read, out T? value)
        where T : struct
        where TReader : struct, IValueReader<T>
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (!read.Read(ref reader, out var item)) return false;
        value = item;
        return true;
    }

    private interface IValueReader<T>
    {
        bool Read(ref Utf8JsonReader reader, out T value);
    }

    private readonly struct Int64Reader : IValueReader<long>
    {
        public bool Read(ref Utf8JsonReader reader, out long value) => Int64(ref reader, out value);
    }

    private readonly struct Int32Reader : IValueReader<int>
    {
        public bool Read(ref Utf8JsonReader reader, out int value) => Int32(ref reader, out value);
    }

    private readonly struct DoubleReader : IValueReader<double>
    {
        public bool Read(ref Utf8JsonReader reader, out double value) => Double(ref reader, out value);
    }

    private readonly struct BooleanReader : IValueReader<bool>
    {
        public bool Read(ref Utf8JsonReader reader, out bool value) => Boolean(ref reader, out value);
    }

    private readonly struct DelegateReader<T> : IValueReader<T>
    {
        private readonly JsonValueReader<T> _read;

        public DelegateReader(JsonValueReader<T> read) => _read = read;

        public bool Read(ref Utf8JsonReader reader, out T value) => _read(ref reader, out value);
    }

    /// <summary>Records that the value at the reader has the wrong kind; returns <see langword="false"/> for the caller to return.</summary>
    /// <param name="reader">The reader, on the value that does not fit.</param>
    /// <param name="expected">What would have fitted, e.g. <c>a number</c>.</param>
    /// <returns>Always false.</returns>
    public static bool Mismatch(ref Utf8JsonReader reader, string expected)
    {
        JsonReadFailure.Mismatch(expected, reader.TokenType, reader.TokenStartIndex);
        return false;
    }

    /// <summary>
    /// Records that an object lacks a required property: the first of <paramref name="requiredNames"/> whose bit in
    /// <paramref name="seen"/> is clear (bit <c>i</c> set when property <c>i</c> was read). Returns <see langword="false"/>
    /// for the caller to return.
    /// </summary>
    /// <param name="reader">The reader, on the object's <c>}</c> (where the failure message says the object is).</param>
    /// <param name="seen">One bit per required property, in the order of <paramref name="requiredNames"/>.</param>
    /// <param name="typeName">The record the properties belong to.</param>
    /// <param name="requiredNames">The JSON names of the required properties.</param>
    /// <returns>Always false.</returns>
    public static bool MissingProperty(ref Utf8JsonReader reader, ulong seen, string typeName, params string[] requiredNames)
    {
        var missing = 0;
        while (missing < requiredNames.Length - 1 && (seen & (1UL << missing)) != 0) missing++;
        JsonReadFailure.MissingProperty(requiredNames[missing], typeName, reader.TokenStartIndex);
        return false;
    }

    /// <summary>
    /// Records that an object lacks a required property: the first of <paramref name="requiredNames"/> not marked in
    /// <paramref name="seen"/> (records with more required properties than a mask holds). Returns <see langword="false"/>.
    /// </summary>
    /// <param name="reader">The reader, on the object's <c>}</c>.</param>
    /// <param name="seen">One flag per required property, in the order of <paramref name="requiredNames"/>.</param>
    /// <param name="typeName">The record the properties belong to.</param>
    /// <param name="requiredNames">The JSON names of the required properties.</param>
    /// <returns>Always false.</returns>
    public static bool MissingProperty(ref Utf8JsonReader reader, bool[] seen, string typeName, params string[] requiredNames)
    {
        var missing = Array.IndexOf(seen, false);
        JsonReadFailure.MissingProperty(requiredNames[missing < 0 ? 0 : missing], typeName, reader.TokenStartIndex);
        return false;
    }
}
