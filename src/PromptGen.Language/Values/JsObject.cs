using System.Globalization;
using PromptGen.Language.Rendering;

namespace PromptGen.Language.Values;

/// <summary>
/// Builds <see cref="PromptValue"/> objects the way JavaScript objects behave, so metadata computed here matches the
/// reference runtime key for key: integer-like keys come first in ascending order, and object spread
/// (<c>{...x}</c>) of strings and arrays yields index keys.
/// </summary>
public static class JsObject
{
    /// <summary>Creates an object with JavaScript's own-property order (a repeated key keeps its first position and last value).</summary>
    public static PromptValue Create(IEnumerable<KeyValuePair<string, PromptValue>> properties) => InIndexOrder(PromptValue.Object(properties));

    /// <summary>As <see cref="Create"/> over <paramref name="properties"/> itself, not a copy: the caller gives it up.</summary>
    internal static PromptValue CreateOwned(List<KeyValuePair<string, PromptValue>> properties) => InIndexOrder(PromptValue.ObjectOwned(properties));

    /// <summary>As <see cref="Create"/> over <paramref name="properties"/> itself, not a copy: the caller gives it up.</summary>
    internal static PromptValue CreateOwned(KeyValuePair<string, PromptValue>[] properties) => InIndexOrder(PromptValue.ObjectOwned(properties));

    /// <summary>Moves integer-like keys first in ascending order; most objects have none and are returned as they are.</summary>
    private static PromptValue InIndexOrder(PromptValue inserted)
    {
        var properties = inserted.Properties;
        var hasIndexKey = false;
        for (var i = 0; i < properties.Count && !hasIndexKey; i++) hasIndexKey = IsArrayIndex(properties[i].Key);
        if (!hasIndexKey) return inserted;
        var indexKeys = inserted.Properties.Where(p => IsArrayIndex(p.Key)).OrderBy(p => uint.Parse(p.Key, CultureInfo.InvariantCulture));
        var otherKeys = inserted.Properties.Where(p => !IsArrayIndex(p.Key));
        return PromptValue.Object(indexKeys.Concat(otherKeys));
    }

    /// <summary>True for the canonical decimal form of an integer in [0, 2^32 - 2], which JavaScript orders first.</summary>
    public static bool IsArrayIndex(string key)
    {
        if (key.Length == 0 || key.Length > 10) return false;
        if (key.Length > 1 && key[0] == '0') return false;
        foreach (var c in key)
        {
            if (c < '0' || c > '9') return false;
        }

        return ulong.Parse(key, CultureInfo.InvariantCulture) <= 4294967294UL;
    }

    /// <summary>The properties that JavaScript's <c>{...value}</c> copies: an object's properties, a string's characters or an array's items by index; nothing otherwise.</summary>
    public static IEnumerable<KeyValuePair<string, PromptValue>> Spread(PromptValue? value)
    {
        if (value is null) yield break;
        switch (value.Kind)
        {
            case PromptValueKind.Object:
                foreach (var property in value.Properties) yield return property;
                break;
            case PromptValueKind.Array:
                for (var i = 0; i < value.Items.Count; i++)
                {
                    yield return new KeyValuePair<string, PromptValue>(i.ToString(CultureInfo.InvariantCulture), value.Items[i]);
                }

                break;
            case PromptValueKind.String:
                var text = value.AsString;
                for (var i = 0; i < text.Length; i++)
                {
                    yield return new KeyValuePair<string, PromptValue>(i.ToString(CultureInfo.InvariantCulture), PromptValue.String(text[i].ToString()));
                }

                break;
        }
    }

    /// <summary>JavaScript truthiness (<c>undefined</c>, <c>null</c>, <c>false</c>, <c>0</c>, <c>NaN</c> and <c>""</c> are falsy).</summary>
    public static bool IsTruthy(PromptValue? value)
    {
        if (value is null) return false;
        return value.Kind switch
        {
            PromptValueKind.Null => false,
            PromptValueKind.Boolean => value.AsBoolean,
            PromptValueKind.Number => !(value.AsNumber == 0 || double.IsNaN(value.AsNumber)),
            PromptValueKind.String => value.AsString.Length > 0,
            _ => true,
        };
    }

    /// <summary>JavaScript's <c>String(value)</c> for primitives; compact JSON for collections.</summary>
    public static string ToJsString(PromptValue value) =>
        value.Kind is PromptValueKind.Array or PromptValueKind.Object ? PromptJson.Serialize(value) : JsValues.ToJsString(value);
}
