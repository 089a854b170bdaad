using System.ComponentModel;
using System.Globalization;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;

namespace PromptGen.Rendering;

/// <summary>
/// What generated render code calls for values whose type is known statically: JavaScript printing of typed values,
/// JavaScript key order for maps, typed values as template values where a helper needs one. Called by generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TypedTemplateRuntime
{
    /// <summary>An integer as JavaScript prints the number it becomes (beyond 2^53 it is rounded to a double first).</summary>
    public static string? Integer(long? value) => value is { } v ? JsNumber.ToString(v) : null;

    /// <summary>A number as JavaScript's <c>Number.prototype.toString</c>.</summary>
    public static string? Number(double? value) => value is { } v ? JsNumber.ToString(v) : null;

    public static string? Boolean(bool? value) => value is { } v ? (v ? "true" : "false") : null;

    /// <summary>JavaScript's <c>Array.prototype.join(",")</c> over typed items (null items print nothing).</summary>
    public static string? Join<T>(IReadOnlyList<T>? list, Func<T, string?> print)
    {
        if (list is null) return null;
        var builder = new StringBuilder();
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0) builder.Append(',');
            builder.Append(print(list[i]));
        }

        return builder.ToString();
    }

    /// <summary>A map's entries in JavaScript's key order: array-index keys ascending, then the rest in insertion order.</summary>
    public static KeyValuePair<string, T>[] Entries<T>(IReadOnlyDictionary<string, T>? map)
    {
        if (map is null || map.Count == 0) return Array.Empty<KeyValuePair<string, T>>();
        var indexKeys = new List<KeyValuePair<string, T>>();
        var others = new List<KeyValuePair<string, T>>();
        foreach (var entry in map)
        {
            if (IsArrayIndexKey(entry.Key)) indexKeys.Add(entry);
            else others.Add(entry);
        }

        indexKeys.Sort((a, b) => double.Parse(a.Key, CultureInfo.InvariantCulture).CompareTo(double.Parse(b.Key, CultureInfo.InvariantCulture)));
        indexKeys.AddRange(others);
        return indexKeys.ToArray();
    }

    private static bool IsArrayIndexKey(string key)
    {
        if (key.Length == 0 || key.Length > 10 || (key.Length > 1 && key[0] == '0')) return false;
        foreach (var c in key)
        {
            if (c < '0' || c > '9') return false;
        }

        return double.Parse(key, CultureInfo.InvariantCulture) < 4294967295d;
    }

    /// <summary>A typed string as a template value; a missing one is undefined (an absent field) or null.</summary>
    public static object? FromString(string? value, bool missingIsUndefined) =>
        value is null ? Missing(missingIsUndefined) : PromptValue.String(value);

    public static object? FromInteger(long? value, bool missingIsUndefined) =>
        value is { } v ? PromptValue.Number(v) : Missing(missingIsUndefined);

    public static object? FromNumber(double? value, bool missingIsUndefined) =>
        value is { } v ? PromptValue.Number(v) : Missing(missingIsUndefined);

    public static object? FromBoolean(bool? value, bool missingIsUndefined) =>
        value is { } v ? PromptValue.Boolean(v) : Missing(missingIsUndefined);

    public static object? Missing(bool undefined) => undefined ? null : PromptValue.Null;
}
