using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PromptGen.Tools;

/// <summary>
/// Reads tool-call arguments into the types of a tool method's parameters; called by generated tool functions. An
/// argument arrives as a <see cref="JsonElement"/> (what chat clients parse tool calls into) or as a plain .NET value
/// (a string, number or boolean set by hand); both are read the same way, without reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PromptToolArguments
{
    /// <summary>Reads a delegate's type: one argument value to one parameter type.</summary>
    public delegate T Reader<out T>(JsonElement value, string name);

    /// <summary>The argument <paramref name="name"/> as JSON; false when it is absent or JSON <c>null</c>.</summary>
    public static bool TryGet(AIFunctionArguments arguments, string name, out JsonElement value)
    {
        if (arguments is null) throw new ArgumentNullException(nameof(arguments));
        if (!arguments.TryGetValue(name, out var raw) || raw is null)
        {
            value = default;
            return false;
        }

        value = ToElement(raw, name);
        return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }

    /// <summary>The argument <paramref name="name"/> as JSON; throws when it is absent or null.</summary>
    public static JsonElement Required(AIFunctionArguments arguments, string name) =>
        TryGet(arguments, name, out var value) ? value : throw new PromptToolArgumentException($"The argument '{name}' is required.", name);

    /// <summary>Reads a JSON string.</summary>
    public static string ReadString(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String ? TextOf(value, name) : throw Mismatch(name, "a string", value);

    /// <summary>Reads a JSON boolean (or the strings <c>"true"</c> / <c>"false"</c>).</summary>
    public static bool ReadBoolean(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(TextOf(value, name), out var parsed) => parsed,
        _ => throw Mismatch(name, "a boolean", value),
    };

    /// <summary>Reads an integer that fits <see cref="int"/>.</summary>
    public static int ReadInt32(JsonElement value, string name) =>
        ReadNumber(value, name, "an integer (32-bit)", static (JsonElement e, out int n) => e.TryGetInt32(out n), int.TryParse, NumberStyles.Integer);

    /// <summary>Reads an integer that fits <see cref="long"/>.</summary>
    public static long ReadInt64(JsonElement value, string name) =>
        ReadNumber(value, name, "an integer", static (JsonElement e, out long n) => e.TryGetInt64(out n), long.TryParse, NumberStyles.Integer);

    /// <summary>Reads a number as <see cref="double"/>.</summary>
    public static double ReadDouble(JsonElement value, string name) =>
        ReadNumber(value, name, "a number", static (JsonElement e, out double n) => e.TryGetDouble(out n), double.TryParse, NumberStyles.Float);

    /// <summary>Reads a number as <see cref="float"/>.</summary>
    public static float ReadSingle(JsonElement value, string name) => (float)ReadDouble(value, name);

    /// <summary>Reads a number as <see cref="decimal"/>.</summary>
    public static decimal ReadDecimal(JsonElement value, string name) =>
        ReadNumber(value, name, "a number", static (JsonElement e, out decimal n) => e.TryGetDecimal(out n), decimal.TryParse, NumberStyles.Float);

    /// <summary>Reads a string holding a GUID.</summary>
    public static Guid ReadGuid(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var guid) ? guid : throw Mismatch(name, "a UUID string", value);

    /// <summary>Reads an ISO 8601 date and time.</summary>
    public static DateTime ReadDateTime(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String && value.TryGetDateTime(out var date) ? date : throw Mismatch(name, "an ISO 8601 date-time string", value);

    /// <summary>Reads an ISO 8601 date and time with its offset.</summary>
    public static DateTimeOffset ReadDateTimeOffset(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var date) ? date : throw Mismatch(name, "an ISO 8601 date-time string", value);

    /// <summary>Any JSON value, kept as it is.</summary>
    public static JsonElement ReadElement(JsonElement value, string name) => value.Clone();

    /// <summary>Reads an enum member by its name (case-insensitive); numbers are rejected.</summary>
    public static T ReadEnum<T>(JsonElement value, string name)
        where T : struct, Enum
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = TextOf(value, name);
            if (!string.IsNullOrEmpty(text) && !char.IsDigit(text![0]) && text[0] != '-' && Enum.TryParse<T>(text, ignoreCase: true, out var member) && Enum.IsDefined(typeof(T), member))
            {
                return member;
            }
        }

        throw Mismatch(name, "one of " + string.Join(", ", Enum.GetNames(typeof(T))), value);
    }

    /// <summary>Reads a JSON array item by item; a single value stands for a one-item array.</summary>
    public static T[] ReadArray<T>(JsonElement value, string name, Reader<T> readItem)
    {
        if (readItem is null) throw new ArgumentNullException(nameof(readItem));
        if (value.ValueKind != JsonValueKind.Array) return new[] { readItem(value, name) };
        var items = new List<T>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items.Add(readItem(item, name + "[" + index.ToString(CultureInfo.InvariantCulture) + "]"));
            index++;
        }

        return items.ToArray();
    }

    /// <summary>An argument value as JSON: a <see cref="JsonElement"/> as is; strings, numbers and booleans written as JSON.</summary>
    private static JsonElement ToElement(object raw, string name)
    {
        switch (raw)
        {
            case JsonElement element:
                return element;
            case JsonDocument document:
                return document.RootElement;
            case string text:
                return PromptToolResults.ToJson(text, static (w, v) => w.WriteStringValue(v));
            case bool flag:
                return PromptToolResults.ToJson(flag, static (w, v) => w.WriteBooleanValue(v));
            case int or long or short or byte or sbyte or uint or ushort:
                return PromptToolResults.ToJson(Convert.ToInt64(raw, CultureInfo.InvariantCulture), static (w, v) => w.WriteNumberValue(v));
            case ulong unsigned:
                return PromptToolResults.ToJson(unsigned, static (w, v) => w.WriteNumberValue(v));
            case double or float:
                return PromptToolResults.ToJson(Convert.ToDouble(raw, CultureInfo.InvariantCulture), static (w, v) => w.WriteNumberValue(v));
            case decimal money:
                return PromptToolResults.ToJson(money, static (w, v) => w.WriteNumberValue(v));
            default:
                throw new PromptToolArgumentException($"The argument '{name}' is a {raw.GetType().Name}; tool arguments must be JSON values.", name);
        }
    }

    // A string argument's text. GetString throws InvalidOperationException for valid JSON that escapes half of a
    // surrogate pair ("\ud800"); the model gets the argument error instead.
    private static string TextOf(JsonElement value, string name)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new PromptToolArgumentException($"The argument '{name}' escapes half of a surrogate pair (\\uD800-\\uDFFF without its other half); it is not text.", name);
        }
    }

    private delegate bool TryGetNumber<T>(JsonElement value, out T number);

    private delegate bool TryParseNumber<T>(string? text, NumberStyles styles, IFormatProvider provider, out T number);

    // Models often quote numbers: a JSON number, or a string holding one (invariant culture), is accepted.
    private static T ReadNumber<T>(JsonElement value, string name, string expected, TryGetNumber<T> fromNumber, TryParseNumber<T> fromString, NumberStyles styles) =>
        value.ValueKind == JsonValueKind.Number && fromNumber(value, out var number) ? number
        : value.ValueKind == JsonValueKind.String && fromString(TextOf(value, name), styles, CultureInfo.InvariantCulture, out number) ? number
        : throw Mismatch(name, expected, value);

    private static PromptToolArgumentException Mismatch(string name, string expected, JsonElement value) =>
        new($"The argument '{name}' must be {expected}, not {Describe(value)}.", name);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "the string " + Shorten(value.GetRawText()),
        JsonValueKind.Number => "the number " + Shorten(value.GetRawText()),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
}
