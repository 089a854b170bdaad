using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace PromptGen.Tests.Corpus;

/// <summary>
/// Compares an actual JSON value with an expected one: numbers by value, and an absent object property equals null
/// (expectations omit optional properties).
/// </summary>
public static class JsonEquivalence
{
    public static bool AreEquivalent(JsonElement expected, JsonElement actual, out string difference, string path = "$")
    {
        difference = string.Empty;
        if (expected.ValueKind == JsonValueKind.Number && actual.ValueKind == JsonValueKind.Number)
        {
            if (NumbersEqual(expected.GetRawText(), actual.GetRawText()))
            {
                return true;
            }

            difference = $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
            return false;
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            difference = $"{path}: expected {expected.ValueKind} {Short(expected)}, got {actual.ValueKind} {Short(actual)}";
            return false;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var keys = expected.EnumerateObject().Select(p => p.Name).Union(actual.EnumerateObject().Select(p => p.Name));
                foreach (var key in keys)
                {
                    var hasExpected = expected.TryGetProperty(key, out var e) && e.ValueKind != JsonValueKind.Null;
                    var hasActual = actual.TryGetProperty(key, out var a) && a.ValueKind != JsonValueKind.Null;
                    if (!hasExpected && !hasActual)
                    {
                        continue;
                    }

                    if (hasExpected != hasActual)
                    {
                        difference = $"{path}.{key}: expected {(hasExpected ? Short(e) : "null/absent")}, got {(hasActual ? Short(a) : "null/absent")}";
                        return false;
                    }

                    if (!AreEquivalent(e, a, out difference, path + "." + key))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    difference = $"{path}: expected {expected.GetArrayLength()} items, got {actual.GetArrayLength()}";
                    return false;
                }

                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    if (!AreEquivalent(expected[i], actual[i], out difference, $"{path}[{i}]"))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.String:
                if (expected.GetString() == actual.GetString())
                {
                    return true;
                }

                difference = $"{path}: expected {Short(expected)}, got {Short(actual)}";
                return false;
            default:
                return true;
        }
    }

    private static bool NumbersEqual(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        if (decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var da)
            && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var db))
        {
            return da == db;
        }

        return double.Parse(a, CultureInfo.InvariantCulture) == double.Parse(b, CultureInfo.InvariantCulture);
    }

    private static string Short(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
