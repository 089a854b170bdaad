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
    public static void NullableInt64(Utf8JsonWriter writer, long? value)
    {
        if (value is { } number) writer.WriteNumberValue(number);
        else writer.WriteNullValue();
    }

    /// <summary>Writes a number.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void Int32(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);

    /// <summary>Writes a number or <c>null</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void NullableInt32(Utf8JsonWriter writer, int? value)
    {
        if (value is { } number) writer.WriteNumberValue(number);
        else writer.WriteNullValue();
    }

    /// <summary>Writes a number.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void Double(Utf8JsonWriter writer, double value) => writer.WriteNumberValue(value);

    /// <summary>Writes a number or <c>null</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void NullableDouble(Utf8JsonWriter writer, double? value)
    {
        if (value is { } number) writer.WriteNumberValue(number);
        else writer.WriteNullValue();
    }

    /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void Boolean(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);

    /// <summary>Writes <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void NullableBoolean(Utf8JsonWriter writer, bool? value)
    {
        if (value is { } flag) writer.WriteBooleanValue(flag);
        else writer.WriteNullValue();
    }

    /// <summary>Writes any JSON value.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void Json(Utf8JsonWriter writer, JsonElement value) => value.WriteTo(writer);

    /// <summary>Writes any JSON value, or <c>null</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void NullableJson(Utf8JsonWriter writer, JsonElement? value)
    {
        if (value is { } element) element.WriteTo(writer);
        else writer.WriteNullValue();
    }

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
        where T : struct
    {
        if (value is { } item) write(writer, item);
        else writer.WriteNullValue();
    }
}
