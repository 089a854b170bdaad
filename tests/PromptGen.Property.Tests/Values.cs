using System.Collections.Generic;
using System.Linq;
using PromptGen.Language.Values;

namespace PromptGen.Property.Tests;

/// <summary>Builds the run-time renderer's input (a JSON-like value) from the same data a test gives the typed input.</summary>
internal static class Values
{
    public static PromptValue Str(string value) => PromptValue.String(value);

    public static PromptValue? Str(string? value, bool optional) => value is null ? null : PromptValue.String(value);

    public static PromptValue Num(double value) => PromptValue.Number(value);

    public static PromptValue? Num(double? value) => value is { } v ? PromptValue.Number(v) : null;

    public static PromptValue? Int(long? value) => value is { } v ? PromptValue.Number(v) : null;

    public static PromptValue Bool(bool value) => PromptValue.Boolean(value);

    public static PromptValue? List<T>(IReadOnlyList<T>? items, System.Func<T, PromptValue> map) =>
        items is null ? null : PromptValue.Array(items.Select(map));

    /// <summary>An object without the absent (null) properties, as an application's JSON would omit them.</summary>
    public static PromptValue Obj(params (string Name, PromptValue? Value)[] properties) =>
        PromptValue.Object(properties.Where(p => p.Value is not null).Select(p => (p.Name, p.Value!)).ToArray());
}
