using System.ComponentModel;
using System.Text.Json;

namespace PromptGen.Serialization;

/// <summary>
/// Writers of JSON values for generated code, each with the shape of <see cref="JsonValueWriter{T}"/> so that list and
/// map writers can take them as item writers. Nullable forms write JSON <c>null</c> for <see langword="null"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonWrite
{
    /// <summary>Writes a string.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void String(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);

    /// <summary>Writes a string or <c>null</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void NullableString(Utf8JsonWriter writer, string? value) => writer.WriteStringValue(value);

    /// <summary>Writes a number.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void Int64(Utf8JsonWriter writer, long value) => writer.WriteNumberValue(value);

    /// <summary>Writes a number or <c>null</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void NullableInt64(Utf8JsonWriter writer, long? value) => Nullable(writer, value, default(Int64Writer));

    /// <summary>Writes a number.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void Int32(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);

    /// <summary>Writes a number or <c>null</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void NullableInt32(Utf8JsonWriter writer, int? value) => Nullable(writer, value, default(Int32Writer));

    /// <summary>Writes a number.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void Double(Utf8JsonWriter writer, double value) => writer.WriteNumberValue(value);

    /// <summary>Writes a number or <c>null</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void NullableDouble(Utf8JsonWriter writer, double? value) => Nullable(writer, value, default(DoubleWriter));

    /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void Boolean(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);

    /// <summary>Writes <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void NullableBoolean(Utf8JsonWriter writer, bool? value) => Nullable(writer, value, default(BooleanWriter));

    /// <summary>Writes any JSON value.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void Json(Utf8JsonWriter writer, JsonElement value) => value.WriteTo(writer);

    /// <summary>Writes any JSON value, or <c>null</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void NullableJson(Utf8JsonWriter writer, JsonElement? value) => Nullable(writer, value, default(JsonWriter));

    /// <summary>Writes a JSON array, each item with <paramref name="writeItem"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The items.</param>
    /// <param name="writeItem">Writes one item.</param>
    public static void List<T>(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonValueWriter<T> writeItem)
    {
        writer.WriteStartArray();
        foreach (var item in value) writeItem(writer, item);
        writer.WriteEndArray();
    }

    /// <summary>Writes a JSON object, each value with <paramref name="writeValue"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The entries.</param>
    /// <param name="writeValue">Writes one value.</param>
    public static void Map<T>(Utf8JsonWriter writer, IReadOnlyDictionary<string, T> value, JsonValueWriter<T> writeValue)
    {
        writer.WriteStartObject();
        foreach (var entry in value)
        {
            writer.WritePropertyName(entry.Key);
            writeValue(writer, entry.Value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a value with <paramref name="write"/>, or <c>null</c> (records, lists, maps).</summary>
    /// <typeparam name="T">The reference type written.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes a non-null value.</param>
    public static void NullableObject<T>(Utf8JsonWriter writer, T? value, JsonValueWriter<T> write)
        where T : class
    {
        if (value is null) writer.WriteNullValue();
        else write(writer, value);
    }

    /// <summary>Writes a value with <paramref name="write"/>, or <c>null</c> (enums).</summary>
    /// <typeparam name="T">The value type written.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes a non-null value.</param>
    public static void NullableValue<T>(Utf8JsonWriter writer, T? value, JsonValueWriter<T> write)
        where T : struct =>
        Nullable(writer, value, new DelegateWriter<T>(write));

    /// <summary>
    /// The one rule of every nullable value-type writer: <see langword="null"/> is JSON <c>null</c>, anything else is
    /// written by <paramref name="write"/>. The writer is a struct so that each kind gets its own compiled copy with the
    /// call inlined, where a delegate would cost a call per value.
    /// </summary>
    private static void Nullable<T, TWriter>(Utf8JsonWriter writer, T? value, TWriter write)
        where T : struct
        where TWriter : struct, IValueWriter<T>
    {
        if (value is { } item) write.Write(writer, item);
        else writer.WriteNullValue();
    }

    private interface IValueWriter<T>
    {
        void Write(Utf8JsonWriter writer, T value);
    }

    private readonly struct Int64Writer : IValueWriter<long>
    {
        public void Write(Utf8JsonWriter writer, long value) => Int64(writer, value);
    }

    private readonly struct Int32Writer : IValueWriter<int>
    {
        public void Write(Utf8JsonWriter writer, int value) => Int32(writer, value);
    }

    private readonly struct DoubleWriter : IValueWriter<double>
    {
        public void Write(Utf8JsonWriter writer, double value) => Double(writer, value);
    }

    private readonly struct BooleanWriter : IValueWriter<bool>
    {
        public void Write(Utf8JsonWriter writer, bool value) => Boolean(writer, value);
    }

    private readonly struct JsonWriter : IValueWriter<JsonElement>
    {
        public void Write(Utf8JsonWriter writer, JsonElement value) => Json(writer, value);
    }

    private readonly struct DelegateWriter<T> : IValueWriter<T>
    {
        private readonly JsonValueWriter<T> _write;

        public DelegateWriter(JsonValueWriter<T> write) => _write = write;

        public void Write(Utf8JsonWriter writer, T value) => _write(writer, value);
    }
}
