using System.Globalization;
using PromptGen.Language.Values;

namespace PromptGen.Language.Rendering;

/// <summary>
/// JavaScript semantics for template values. A value is <c>null</c> (undefined), a <see cref="PromptValue"/>,
/// a <see cref="SafeMarkup"/> (a helper's SafeString), a <see cref="DataFrame"/> or a <see cref="RenderOutput"/>.
/// </summary>
internal static class JsValues
{
    /// <summary>JavaScript truthiness.</summary>
    public static bool IsTruthy(object? value)
    {
        switch (value)
        {
            case null:
                return false;
            case PromptValue v:
                return v.Kind switch
                {
                    PromptValueKind.Null => false,
                    PromptValueKind.Boolean => v.AsBoolean,
                    PromptValueKind.Number => v.AsNumber != 0 && !double.IsNaN(v.AsNumber),
                    PromptValueKind.String => v.AsString.Length > 0,
                    _ => true,
                };
            case RenderOutput output:
                return !output.IsEmpty;
            default:
                return true;
        }
    }

    /// <summary>Handlebars' <c>isEmpty</c>: falsy but not 0, or an empty array.</summary>
    public static bool IsEmpty(object? value)
    {
        if (!IsTruthy(value) && !IsZero(value)) return true;
        return value is PromptValue { Kind: PromptValueKind.Array } array && array.Items.Count == 0;
    }

    private static bool IsZero(object? value) => value is PromptValue { Kind: PromptValueKind.Number } n && n.AsNumber == 0;

    public static bool IsNullOrUndefined(object? value) => value is null || value is PromptValue { IsNull: true };

    /// <summary>JavaScript's <c>String(value)</c>.</summary>
    public static string ToJsString(object? value)
    {
        switch (value)
        {
            case null:
                return "undefined";
            case PromptValue v:
                switch (v.Kind)
                {
                    case PromptValueKind.Null: return "null";
                    case PromptValueKind.Boolean: return v.AsBoolean ? "true" : "false";
                    case PromptValueKind.Number: return JsNumber.ToString(v.AsNumber);
                    case PromptValueKind.String: return v.AsString;
                    case PromptValueKind.Array:
                        var builder = new StringBuilder();
                        JoinArray(builder, v, 0);
                        return builder.ToString();
                    default: return "[object Object]";
                }

            case SafeMarkup markup:
                return markup.Content.ToReferenceText();
            case RenderOutput output:
                return output.ToReferenceText();
            default:
                return "[object Object]";
        }
    }

    private static void JoinArray(StringBuilder builder, PromptValue array, int depth)
    {
        for (var i = 0; i < array.Items.Count; i++)
        {
            if (i > 0) builder.Append(',');
            var item = array.Items[i];
            if (item.IsNull) continue;
            if (item.Kind == PromptValueKind.Array)
            {
                if (depth < PromptJson.MaxDepth) JoinArray(builder, item, depth + 1);
            }
            else
            {
                builder.Append(ToJsString(item));
            }
        }
    }

    /// <summary>Handlebars' <c>lookupProperty</c>: own properties only (arrays and strings have <c>length</c> and indices).</summary>
    public static object? LookupProperty(object? parent, string name)
    {
        switch (parent)
        {
            case PromptValue v:
                switch (v.Kind)
                {
                    case PromptValueKind.Object:
                        return v.TryGetProperty(name, out var property) ? property : null;
                    case PromptValueKind.Array:
                        if (name == "length") return PromptValue.Number(v.Items.Count);
                        return TryParseIndex(name, out var index) && index < v.Items.Count ? v.Items[index] : null;
                    case PromptValueKind.String:
                        var text = v.AsString;
                        if (name == "length") return PromptValue.Number(text.Length);
                        return TryParseIndex(name, out var at) && at < text.Length ? PromptValue.String(text[at].ToString()) : null;
                    default:
                        return null;
                }

            case DataFrame frame:
                return frame.Get(name);
            case SafeMarkup markup:
                return name == "string" ? PromptValue.String(markup.Content.ToReferenceText()) : null;
            default:
                return null;
        }
    }

    /// <summary>A canonical array index ("0", "12"; not "01" or "-1").</summary>
    public static bool TryParseIndex(string name, out int index)
    {
        index = 0;
        if (name.Length == 0 || name.Length > 9 || (name.Length > 1 && name[0] == '0')) return false;
        foreach (var c in name)
        {
            if (c < '0' || c > '9') return false;
        }

        index = int.Parse(name, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>JavaScript's <c>===</c>: primitives by value, objects by identity.</summary>
    public static bool StrictEquals(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is PromptValue x && b is PromptValue y)
        {
            if (x.Kind != y.Kind) return false;
            return x.Kind switch
            {
                PromptValueKind.Null => true,
                PromptValueKind.Boolean => x.AsBoolean == y.AsBoolean,
                PromptValueKind.Number => x.AsNumber == y.AsNumber,
                PromptValueKind.String => string.Equals(x.AsString, y.AsString, StringComparison.Ordinal),
                _ => ReferenceEquals(x, y),
            };
        }

        return ReferenceEquals(a, b);
    }

    /// <summary>JavaScript's <c>==</c>, as far as template values need it.</summary>
    public static bool LooseEquals(object? a, object? b)
    {
        if (IsNullOrUndefined(a) || IsNullOrUndefined(b)) return IsNullOrUndefined(a) && IsNullOrUndefined(b);
        if (StrictEquals(a, b)) return true;
        if (a is PromptValue x && b is PromptValue y && IsPrimitive(x) && IsPrimitive(y) && x.Kind != y.Kind)
        {
            return ToNumber(x) == ToNumber(y);
        }

        return false;
    }

    private static bool IsPrimitive(PromptValue value) =>
        value.Kind is PromptValueKind.Boolean or PromptValueKind.Number or PromptValueKind.String;

    private static double ToNumber(PromptValue value)
    {
        switch (value.Kind)
        {
            case PromptValueKind.Boolean: return value.AsBoolean ? 1 : 0;
            case PromptValueKind.Number: return value.AsNumber;
            default:
                var text = value.AsString.Trim();
                if (text.Length == 0) return 0;
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : double.NaN;
        }
    }

    /// <summary>What Handlebars' <c>blockHelperMissing</c> does with the value of <c>{{#value}}...{{/value}}</c>.</summary>
    public static MissingBlockAction BlockHelperMissing(object? value)
    {
        if (value is PromptValue { Kind: PromptValueKind.Boolean } boolean) return boolean.AsBoolean ? MissingBlockAction.RenderBody : MissingBlockAction.RenderInverse;
        if (IsNullOrUndefined(value)) return MissingBlockAction.RenderInverse;
        return value is PromptValue { Kind: PromptValueKind.Array } ? MissingBlockAction.Iterate : MissingBlockAction.RenderBodyWithValue;
    }

    /// <summary>
    /// What <c>#each</c> iterates in a value that is not a list, in order: an object's properties (JavaScript's key
    /// order), a SafeString's one own property <c>string</c>, a data frame's variables; nothing for any other value.
    /// </summary>
    public static List<KeyValuePair<string, object?>> EachEntries(object? value)
    {
        var entries = new List<KeyValuePair<string, object?>>();
        switch (value)
        {
            case PromptValue { Kind: PromptValueKind.Object } obj:
                foreach (var property in OrderedProperties(obj)) entries.Add(new KeyValuePair<string, object?>(property.Key, property.Value));
                break;
            case SafeMarkup markup:
                entries.Add(new KeyValuePair<string, object?>("string", PromptValue.String(markup.Content.ToReferenceText())));
                break;
            case DataFrame frame:
                foreach (var key in frame.Keys.ToList()) entries.Add(new KeyValuePair<string, object?>(key, frame.Get(key)));
                break;
        }

        return entries;
    }

    /// <summary>Object keys in JavaScript's enumeration order: array-index keys ascending, then the rest in insertion order.</summary>
    public static IEnumerable<KeyValuePair<string, PromptValue>> OrderedProperties(PromptValue value)
    {
        var properties = value.Properties;
        var indexKeys = properties.Where(p => IsArrayIndexKey(p.Key)).OrderBy(p => double.Parse(p.Key, CultureInfo.InvariantCulture)).ToList();
        if (indexKeys.Count == 0) return properties;
        return indexKeys.Concat(properties.Where(p => !IsArrayIndexKey(p.Key)));
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

    /// <summary>
    /// JavaScript's <c>JSON.stringify(value, null, space)</c>; returns null where JavaScript returns undefined.
    /// <paramref name="space"/> is the helper's <c>indent</c> argument (a number or a string).
    /// </summary>
    public static string? JsonStringify(object? value, object? space)
    {
        var builder = new StringBuilder();
        if (!WriteJson(builder, ToJsonValue(value, 0), JsonGap(space), string.Empty)) return null;
        CheckJsonLength(builder.Length);
        return builder.ToString();
    }

    /// <summary>The limit on one <c>json</c> helper's text.</summary>
    public static void CheckJsonLength(long length) => RenderLimitException.Check(length, "a json helper's value");

    private static readonly string[] s_spaceGaps = { "", " ", "  ", "   ", "    ", "     ", "      ", "       ", "        ", "         ", "          " };

    /// <summary>JSON.stringify's gap for a <c>space</c> argument: up to 10 spaces for a number, up to 10 characters of a string.</summary>
    public static string JsonGap(object? space)
    {
        if (!IsTruthy(space)) return string.Empty;
        if (space is PromptValue { Kind: PromptValueKind.Number } n) return JsonGap(n.AsNumber);
        if (space is PromptValue { Kind: PromptValueKind.String } s) return s.AsString.Length > 10 ? s.AsString.Substring(0, 10) : s.AsString;
        return string.Empty;
    }

    /// <summary>JSON.stringify's gap for a number <c>space</c> argument: up to 10 spaces (none for 0 and NaN).</summary>
    public static string JsonGap(double space) =>
        space == 0 || double.IsNaN(space) ? string.Empty : s_spaceGaps[(int)Math.Min(10, Math.Max(0, Math.Floor(space)))];

    /// <summary>JSON.stringify of a value nested <paramref name="indent"/> deep (for typed writers that meet an untyped value).</summary>
    public static void WriteJsonValue(StringBuilder builder, PromptValue value, string gap, string indent) => WriteJson(builder, value, gap, indent);

    /// <summary>What JSON.stringify sees: SafeStrings are objects with a <c>string</c> key, data frames plain objects.</summary>
    private static object? ToJsonValue(object? value, int depth)
    {
        switch (value)
        {
            case SafeMarkup markup:
                return PromptValue.Object(("string", PromptValue.String(markup.Content.ToReferenceText())));
            case RenderOutput output:
                return PromptValue.String(output.ToReferenceText());
            case DataFrame frame when depth < 64:
                var properties = new List<KeyValuePair<string, PromptValue>>();
                foreach (var key in frame.Keys)
                {
                    if (ToJsonValue(frame.Get(key), depth + 1) is PromptValue item) properties.Add(new KeyValuePair<string, PromptValue>(key, item));
                }

                if (frame.Parent is not null && ToJsonValue(frame.Parent, depth + 1) is PromptValue parent)
                {
                    properties.Add(new KeyValuePair<string, PromptValue>("_parent", parent));
                }

                return PromptValue.Object(properties);
            case DataFrame:
                return PromptValue.EmptyObject();
            default:
                return value;
        }
    }

    private static bool WriteJson(StringBuilder builder, object? value, string gap, string indent)
    {
        if (value is not PromptValue v) return false;
        switch (v.Kind)
        {
            case PromptValueKind.Null:
                builder.Append("null");
                return true;
            case PromptValueKind.Boolean:
                builder.Append(v.AsBoolean ? "true" : "false");
                return true;
            case PromptValueKind.Number:
                var number = v.AsNumber;
                builder.Append(double.IsNaN(number) || double.IsInfinity(number) ? "null" : JsNumber.ToString(number));
                return true;
            case PromptValueKind.String:
                PromptJson.WriteString(builder, v.AsString);
                return true;
            case PromptValueKind.Array:
                if (v.Items.Count == 0)
                {
                    builder.Append("[]");
                    return true;
                }

                var inner = indent + gap;
                builder.Append('[');
                for (var i = 0; i < v.Items.Count; i++)
                {
                    if (i > 0) builder.Append(',');
                    if (gap.Length > 0) builder.Append('\n').Append(inner);
                    WriteJson(builder, v.Items[i], gap, inner);
                }

                if (gap.Length > 0) builder.Append('\n').Append(indent);
                builder.Append(']');
                return true;
            default:
                var innerIndent = indent + gap;
                var first = true;
                builder.Append('{');
                foreach (var property in OrderedProperties(v))
                {
                    if (!first) builder.Append(',');
                    first = false;
                    if (gap.Length > 0) builder.Append('\n').Append(innerIndent);
                    PromptJson.WriteString(builder, property.Key);
                    builder.Append(gap.Length > 0 ? ": " : ":");
                    WriteJson(builder, property.Value, gap, innerIndent);
                }

                if (!first && gap.Length > 0) builder.Append('\n').Append(indent);
                builder.Append('}');
                return true;
        }
    }
}

/// <summary>What Handlebars' <c>blockHelperMissing</c> renders for <c>{{#value}}...{{/value}}</c> (see <see cref="JsValues.BlockHelperMissing"/>).</summary>
internal enum MissingBlockAction
{
    /// <summary><c>true</c>: the body once, in the enclosing context.</summary>
    RenderBody,

    /// <summary><c>false</c>, null or undefined: the else part.</summary>
    RenderInverse,

    /// <summary>A list: the body once per item, as <c>#each</c> (the else part when the list is empty).</summary>
    Iterate,

    /// <summary>Any other value: the body once, with the value as its context.</summary>
    RenderBodyWithValue,
}
