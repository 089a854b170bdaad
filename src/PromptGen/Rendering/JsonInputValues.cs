using System.Runtime.InteropServices;
using System.Text.Json;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;

namespace PromptGen.Rendering;

/// <summary>
/// Untyped JSON input read where it lies. Generated dynamic render code gets the caller's <see cref="JsonElement"/> as
/// a template value without converting the document first: an object is a <see cref="JsonObjectView"/> whose properties
/// are read (names and values, not the values' contents) the first time the template looks one up; arrays, strings and
/// numbers stay boxed elements, read when the template reads them (a test, an <c>#each</c>, a string written straight
/// from its UTF-8, a number written as its JSON text when that is what JavaScript prints); booleans and null become the
/// shared template values. Everything else (helpers, JavaScript
/// conversions, equality of primitives) gets the value converted by <see cref="Materialize"/>, so one set of rules
/// decides the output.
/// </summary>
internal static class JsonInputValues
{
    /// <summary>A value of the input as a template value: a view for an object, a boxed element for arrays and strings.</summary>
    public static object? Wrap(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return new JsonObjectView(element);
            case JsonValueKind.Array:
            case JsonValueKind.String:
            case JsonValueKind.Number:
                return element;
            case JsonValueKind.True:
                return PromptValue.True;
            case JsonValueKind.False:
                return PromptValue.False;
            case JsonValueKind.Null:
                return PromptValue.Null;
            default:
                return null;
        }
    }

    /// <summary>The value as the template values the rest of the runtime reads (a boxed element converted, anything else as it is).</summary>
    public static object? Materialize(object? value) => value switch
    {
        JsonElement element => Convert(element),
        JsonObjectView view => Convert(view.Element),
        _ => value,
    };

    private static object? Convert(JsonElement element) => TemplateRuntime.ConvertJson(element);

    /// <summary>Handlebars' <c>lookupProperty</c> over template values, boxed elements included.</summary>
    public static object? Lookup(object? parent, string name)
    {
        if (parent is JsonObjectView view) return view.Get(name);
        if (parent is not JsonElement element) return JsValues.LookupProperty(parent, name);
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                if (name == "length") return PromptValue.Number(element.GetArrayLength());
                return JsValues.TryParseIndex(name, out var index) && index < element.GetArrayLength() ? Wrap(element[index]) : null;
            default:
                return JsValues.LookupProperty(Convert(element), name);
        }
    }

    /// <summary>JavaScript truthiness over template values, boxed elements included (objects and arrays are truthy).</summary>
    public static bool IsTruthy(object? value)
    {
        if (value is JsonObjectView) return true;
        return value is JsonElement element ? IsTruthy(element) : JsValues.IsTruthy(value);
    }

    /// <summary>JavaScript truthiness of an object, array, string or number of the input, read where it lies.</summary>
    public static bool IsTruthy(JsonElement element)
    {
        return element.ValueKind switch // read once: each read looks the element up in its document
        {
            JsonValueKind.String => !IsEmptyString(element),
            JsonValueKind.Number => element.TryGetDouble(out var number) ? number != 0 : JsValues.IsTruthy(Convert(element)),
            _ => true,
        };
    }

    /// <summary>Handlebars' <c>isEmpty</c> over template values, boxed elements included.</summary>
    public static bool IsEmpty(object? value)
    {
        if (value is JsonObjectView) return false;
        return value is JsonElement element ? IsEmpty(element) : JsValues.IsEmpty(value);
    }

    /// <summary>Handlebars' <c>isEmpty</c> of an object, array, string or number of the input, read where it lies.</summary>
    public static bool IsEmpty(JsonElement element)
    {
        return element.ValueKind switch
        {
            JsonValueKind.Array => element.GetArrayLength() == 0,
            JsonValueKind.String => IsEmptyString(element),
            _ => false, // a number is never empty: 0 is the falsy value isEmpty keeps
        };
    }

    public static bool IsNullOrUndefined(object? value) => value is not (JsonElement or JsonObjectView) && JsValues.IsNullOrUndefined(value);

    private static bool IsEmptyString(JsonElement element) => JsonMarshal.GetRawUtf8Value(element).Length <= 2;

    /// <summary>JavaScript's <c>===</c>: objects and arrays of the input are the same when they are the same element.</summary>
    public static bool StrictEquals(object? a, object? b)
    {
        if (a is JsonObjectView && ReferenceEquals(a, b)) return true;
        if (IsInputObject(a, out var x) || IsInputObject(b, out x))
        {
            // An object or array of the input is only ever the same as itself.
            return IsInputObject(a, out x) && IsInputObject(b, out var y) && x.Equals(y);
        }

        return JsValues.StrictEquals(Materialize(a), Materialize(b));
    }

    /// <summary>JavaScript's <c>==</c>, as <see cref="StrictEquals"/> for the input's objects and arrays.</summary>
    public static bool LooseEquals(object? a, object? b) =>
        IsInputObject(a, out _) || IsInputObject(b, out _) ? StrictEquals(a, b) : JsValues.LooseEquals(Materialize(a), Materialize(b));

    // An object or array of the input, and its element: JsonElement compares its document and position field by
    // field, so two elements are equal when they are the same node of the same document.
    private static bool IsInputObject(object? value, out JsonElement element)
    {
        switch (value)
        {
            case JsonObjectView view:
                element = view.Element;
                return true;
            case JsonElement { ValueKind: JsonValueKind.Array } array:
                element = array;
                return true;
            default:
                element = default;
                return false;
        }
    }

    /// <summary>
    /// Writes a string or number of the input straight from its UTF-8 (no string or template value made for it); false
    /// when it is neither.
    /// </summary>
    public static bool TryWriteScalar(object? value, RenderOutput output) => value is JsonElement element && TryWriteScalar(element, output);

    /// <summary>As <see cref="TryWriteScalar(object?, RenderOutput)"/>, for an element (of the input, never a default one) not boxed.</summary>
#if NET
    [System.Runtime.CompilerServices.SkipLocalsInit] // the stack buffer is read only where GetChars wrote it
#endif
    public static bool TryWriteScalar(JsonElement element, RenderOutput output)
    {
        // The first byte of a value's JSON text tells its kind: the document is asked for the text only, not for the
        // kind as well (each question reads the element's row again).
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw.Length == 0) return false;
        var first = raw[0];
        if (first == (byte)'-' || IsDigit(first))
        {
            WriteNumber(element, raw, output);
            return true;
        }

        if (first != (byte)'"') return false;
        raw = raw.Slice(1, raw.Length - 2);
        if (raw.Length == 0) return true;
#if NET
        if (raw.Length <= MaxStackChars && raw.IndexOf((byte)'\\') < 0)
        {
            // Unescaped UTF-8 never has more UTF-16 units than bytes; the document has checked it is valid UTF-8. The
            // buffer has a fixed size, so it is part of the frame instead of an allocation of the stack per call; most
            // strings of an input are ASCII, widened without the decoder.
            Span<char> chars = stackalloc char[MaxStackChars];
            if (System.Text.Ascii.ToUtf16(raw, chars, out var count) != System.Buffers.OperationStatus.Done)
            {
                System.Text.Unicode.Utf8.ToUtf16(raw, chars, out _, out count);
            }

            output.TextRun().Append(chars.Slice(0, count));
            return true;
        }
#endif
        output.Append(element.GetString());
        return true;
    }

    private const int MaxStackChars = 512;

    // The longest text IsJsText accepts: a sign, "0.", five leading zeros and 15 digits, with room to spare.
    private const int MaxJsTextLength = 32;

#if NET
    [System.Runtime.CompilerServices.SkipLocalsInit] // the stack buffer is fully written before it is read
#endif
    private static void WriteNumber(JsonElement number, ReadOnlySpan<byte> raw, RenderOutput output)
    {
        if (!IsJsText(raw))
        {
            // Exponents, trailing zeros, long or tiny numbers: printed from the double, as JavaScript does.
            var converted = Convert(number);
            if (converted is PromptValue { Kind: PromptValueKind.Number } value) output.AppendNumber(value.AsNumber);
            else output.Append(JsValues.ToJsString(converted));
            return;
        }

#if NET
        Span<char> chars = stackalloc char[MaxJsTextLength]; // fixed size: part of the frame
        for (var i = 0; i < raw.Length; i++) chars[i] = (char)raw[i];
        output.TextRun().Append(chars.Slice(0, raw.Length));
#else
        output.Append(Encoding.ASCII.GetString(raw.ToArray()));
#endif
    }

    /// <summary>
    /// Whether JavaScript prints the number of this JSON text as the text itself: <c>-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?</c>
    /// with at most 15 digits (so the text is the shortest decimal of its double), not below 1e-6 (JavaScript writes an
    /// exponent there) and not -0 (printed as 0).
    /// </summary>
    internal static bool IsJsText(ReadOnlySpan<byte> raw)
    {
        var i = 0;
        var negative = raw.Length > 0 && raw[0] == (byte)'-';
        if (negative) i++;
        if (i >= raw.Length || !IsDigit(raw[i])) return false;
        var digits = 0;
        var zeroInteger = raw[i] == (byte)'0';
        if (zeroInteger)
        {
            i++;
        }
        else
        {
            while (i < raw.Length && IsDigit(raw[i]))
            {
                digits++;
                i++;
            }
        }

        if (i == raw.Length) return digits <= 15 && !(negative && zeroInteger);
        if (raw[i] != (byte)'.') return false;
        i++;
        var fractionStart = i;
        var leadingZeros = 0;
        var seenNonZero = false;
        while (i < raw.Length && IsDigit(raw[i]))
        {
            if (raw[i] != (byte)'0') seenNonZero = true;
            else if (!seenNonZero) leadingZeros++;
            digits++;
            i++;
        }

        if (i != raw.Length || i == fractionStart || raw[i - 1] == (byte)'0') return false;
        return digits <= 15 && (!zeroInteger || leadingZeros <= 5);
    }

    private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';
}

/// <summary>
/// An object of the JSON input as a template value. A lookup reads the property where it lies: no property is read or
/// boxed before the template asks for it. Views of the same element are the same object of
/// the input (<see cref="JsonInputValues.StrictEquals"/> compares elements).
/// </summary>
internal sealed class JsonObjectView
{
    public JsonObjectView(JsonElement element) => Element = element;

    public JsonElement Element { get; private set; }

    /// <summary>
    /// Makes this the view of another object: for the runs of an <c>#each</c>, whose item views live only while their
    /// run's body runs (generated code keeps an item in locals of the body and in what the body calls, never beyond).
    /// </summary>
    internal void MoveTo(JsonElement element)
    {
        Element = element;
        _lastName = null;
        _lastValue = null;
        _lastWrapped = false;
    }

    // The last name looked up (by reference: generated code passes literals), what it found and, once asked for, its
    // template value: templates look one name up again and again (a name repeated in the text, `a.b` then `a.c`).
    private string? _lastName;
    private JsonElement _lastElement;
    private object? _lastValue;
    private bool _lastFound;
    private bool _lastWrapped;

    /// <summary>The property's value, or null (undefined) when the object has none of that name.</summary>
    public object? Get(string name)
    {
        if (!TryGet(name, out var element)) return null;
        if (!_lastWrapped)
        {
            _lastValue = JsonInputValues.Wrap(element);
            _lastWrapped = true;
        }

        return _lastValue;
    }

    /// <summary>The property's element, unboxed; false when the object has none of that name.</summary>
    public bool TryGet(string name, out JsonElement value)
    {
        if (!ReferenceEquals(name, _lastName))
        {
            _lastFound = Find(name, out _lastElement);
            _lastName = name;
            _lastValue = null;
            _lastWrapped = false;
        }

        value = _lastElement;
        return _lastFound;
    }

#if NET
    [System.Runtime.CompilerServices.SkipLocalsInit] // the stack buffer is read only where the name was written
#endif
    private bool Find(string name, out JsonElement value)
    {
        // The document compares names as UTF-8 (escaped ones decoded) from the last back, so of repeated keys the last
        // wins, as in JavaScript. Template names are short ASCII: narrowed here instead of encoded by the document.
        if (name.Length > MaxAsciiName) return Element.TryGetProperty(name, out value);
        Span<byte> utf8 = stackalloc byte[MaxAsciiName]; // fixed size: part of the frame, not allocated per call
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c >= 0x80) return Element.TryGetProperty(name, out value);
            utf8[i] = (byte)c;
        }

        return Element.TryGetProperty(utf8.Slice(0, name.Length), out value);
    }

    private const int MaxAsciiName = 64;
}
