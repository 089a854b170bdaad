using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;

namespace PromptGen.Rendering;

/// <summary>
/// The operations generated render code calls where a value's type is not known statically: JavaScript truthiness,
/// Handlebars lookups and iteration, Dotprompt helpers. Template values are passed as <see cref="object"/>; what they
/// hold is private to this library. Called by generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TemplateRuntime
{
    public static readonly object True = PromptValue.True;
    public static readonly object False = PromptValue.False;
    public static readonly object Null = PromptValue.Null;

    public static object String(string value) => PromptValue.String(value);

    public static object Number(double value) => PromptValue.Number(value);

    /// <summary>A JSON text as a template value (the slow path for untyped input and for typed values used dynamically).</summary>
    public static object? FromJson(string json) => PromptJson.Parse(json);

    /// <summary>
    /// JSON input as a template value, read where it lies: objects, arrays and strings are read from the element when the
    /// template reads them (see <see cref="JsonInputValues"/>), so a render does not convert the whole document first.
    /// </summary>
    public static object? FromJson(JsonElement element) => JsonInputValues.Wrap(element);

    /// <summary>The element converted into template values as a whole (for the code that reads only those).</summary>
    internal static object? ConvertJson(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Undefined) return null;
        try
        {
            // Straight from the parsed document: no JSON text written and read again.
            return FromElement(element, 0);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or NotSupportedException or JsonException)
        {
            // What the document cannot give as .NET values (a number beyond double, an escaped lone surrogate) or
            // nesting beyond PromptJson's limit: the text path decides, exactly as before.
            return PromptJson.Parse(element.GetRawText());
        }
    }

    private static PromptValue FromElement(JsonElement element, int depth)
    {
        if (depth > PromptJson.MaxDepth) throw new NotSupportedException();
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<KeyValuePair<string, PromptValue>>(element.GetPropertyCount());
                var names = InputPropertyNameCache.Current;
                foreach (var property in element.EnumerateObject())
                {
                    properties.Add(new KeyValuePair<string, PromptValue>(names.NameOf(property, properties.Count), FromElement(property.Value, depth + 1)));
                }

                return PromptValue.ObjectOwned(properties);
            case JsonValueKind.Array:
                var items = new PromptValue[element.GetArrayLength()];
                var i = 0;
                foreach (var item in element.EnumerateArray()) items[i++] = FromElement(item, depth + 1);
                return PromptValue.ArrayOwned(items);
            case JsonValueKind.String:
                return PromptValue.String(element.GetString()!);
            case JsonValueKind.Number:
                return JsonNumber(element.TryGetDouble(out var number), number);
            case JsonValueKind.True:
                return PromptValue.True;
            case JsonValueKind.False:
                return PromptValue.False;
            default:
                return PromptValue.Null;
        }
    }

    /// <summary>
    /// A JSON number as a template value: only a finite double is read directly; anything larger throws so the caller
    /// reads the JSON text instead (the one rule for both the document and the writer path).
    /// </summary>
    private static PromptValue JsonNumber(bool isDouble, double number) =>
        isDouble && !double.IsInfinity(number) ? PromptValue.Number(number) : throw new FormatException();

    // The buffer and writer of FromWriter, reused by the next call on this thread.
    [ThreadStatic]
    private static global::PromptGen.ByteBufferWriter? s_writtenJson;
    [ThreadStatic]
    private static Utf8JsonWriter? s_jsonWriter;
    private const int MaxKeptJsonBuffer = 64 * 1024;

    /// <summary>A typed value written by a generated JSON writer, as a template value (no closure: the writer is static).</summary>
    public static object? FromWriter<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        // Taken, not shared, while in use: a writer that renders another value through here gets its own.
        var buffer = s_writtenJson ?? new global::PromptGen.ByteBufferWriter(1024);
        var writer = s_jsonWriter;
        s_writtenJson = null;
        s_jsonWriter = null;
        buffer.Clear();
        if (writer is null) writer = new Utf8JsonWriter(buffer);
        else writer.Reset(buffer);

        try
        {
            write(writer, value);
            writer.Flush();
            var json = buffer.WrittenMemory.Span;
            try
            {
                // Read straight from the UTF-8 the writer produced: no string of the JSON text, no second tokenizer.
                var reader = new Utf8JsonReader(json);
                reader.Read();
                return ReadValue(ref reader, 0);
            }
            catch (Exception exception) when (exception is InvalidOperationException or FormatException or NotSupportedException or JsonException)
            {
                // What the reader cannot give as .NET values, or nesting beyond its depth: the text path decides, as before.
                return PromptJson.Parse(Encoding.UTF8.GetString(json.ToArray()));
            }
        }
        finally
        {
            if (buffer.Capacity <= MaxKeptJsonBuffer)
            {
                s_writtenJson = buffer;
                s_jsonWriter = writer;
            }
        }
    }

    /// <summary>A typed value written by a generated JSON writer, as a template value.</summary>
    public static object? FromWriter(Action<Utf8JsonWriter> write) => FromWriter(write, static (writer, action) => action(writer));

    private static PromptValue ReadValue(ref Utf8JsonReader reader, int depth)
    {
        if (depth > PromptJson.MaxDepth) throw new NotSupportedException();
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var properties = new List<KeyValuePair<string, PromptValue>>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    properties.Add(new KeyValuePair<string, PromptValue>(name, ReadValue(ref reader, depth + 1)));
                }

                return PromptValue.Object(properties);
            case JsonTokenType.StartArray:
                var items = new List<PromptValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(ReadValue(ref reader, depth + 1));
                return PromptValue.ArrayOwned(items.ToArray());
            case JsonTokenType.String:
                return PromptValue.String(reader.GetString()!);
            case JsonTokenType.Number:
                return JsonNumber(reader.TryGetDouble(out var number), number);
            case JsonTokenType.True:
                return PromptValue.True;
            case JsonTokenType.False:
                return PromptValue.False;
            case JsonTokenType.Null:
                return PromptValue.Null;
            default:
                throw new FormatException();
        }
    }

    /// <summary>A number printed as JavaScript's <c>Number.prototype.toString</c>.</summary>
    public static string FormatNumber(double value) => JsNumber.ToString(value);

    /// <summary>JavaScript's String(value).</summary>
    public static string ToJsString(object? value) => JsValues.ToJsString(JsonInputValues.Materialize(value));

    public static bool IsTruthy(object? value) => JsonInputValues.IsTruthy(value);

    /// <summary>Handlebars' <c>#if</c>/<c>#unless</c> test: true when the body (not the else part) of <c>#if</c> renders.</summary>
    public static bool If(object? condition, object? includeZero) =>
        If(JsonInputValues.IsTruthy(includeZero), JsonInputValues.IsTruthy(condition), JsonInputValues.IsEmpty(condition));

    private static bool If(bool includeZero, bool truthy, bool empty)
    {
        var falsy = (!includeZero && !truthy) || empty;
        return !falsy;
    }

    /// <summary>
    /// <c>If(Path(context, name), null)</c>: a property of an input object is tested where it lies (nothing looked up
    /// twice, no template value made for it).
    /// </summary>
    public static bool IfPath(object? context, string name)
    {
        if (context is JsonObjectView view)
        {
            if (!view.TryGet(name, out var element)) return false; // undefined
            switch (element.ValueKind)
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                case JsonValueKind.Null:
                    return false;
            }

            // An object, array, string or number, tested where it lies (no template value made for it).
            return If(false, JsonInputValues.IsTruthy(element), JsonInputValues.IsEmpty(element));
        }

        return If(Path(context, name), null);
    }

    /// <summary><c>If(Path(context, first, second), null)</c>, as <see cref="IfPath(object?, string)"/>.</summary>
    public static bool IfPath(object? context, string first, string second) => IfPath(Path(context, first), second);

    /// <summary>Handlebars' <c>#with</c> test: true when the body renders.</summary>
    public static bool With(object? value) => !JsonInputValues.IsEmpty(value);

    public static bool StrictEquals(object? a, object? b) => JsonInputValues.StrictEquals(a, b);

    /// <summary>The root context: the input when it is an object, else an empty object.</summary>
    public static object RootContext(object? input) =>
        input is PromptValue { Kind: PromptValueKind.Object } or JsonObjectView ? input : PromptValue.EmptyObject();

    /// <summary>The root <c>@</c> data frame: <c>@metadata</c>, the context keys and <c>@root</c>.</summary>
    public static object RootData(object context, PromptRenderOptions? options, object? history)
    {
        // Without docs, context data or history the base frame is always the same (frames and values are never changed
        // once built): it is built once, and a render pays only for its @root frame.
        var plain = options?.Docs is null && options?.Context is null && history is null;
        var baseData = plain ? s_plainBaseData : BaseData(options, history);
        if (baseData.Has("root")) return baseData;
        var rootData = new DataFrame(baseData, 1);
        rootData.Set("root", context);
        return rootData;
    }

    private static readonly DataFrame s_plainBaseData = BaseData(null, null);

    private static DataFrame BaseData(PromptRenderOptions? options, object? history)
    {
        var baseData = new DataFrame(null);
        var metadata = new List<KeyValuePair<string, PromptValue>> { new("prompt", PromptValue.EmptyObject()) };
        if (options?.Docs is { } docs && ConvertJson(docs) is PromptValue docsValue) metadata.Add(new KeyValuePair<string, PromptValue>("docs", docsValue));
        if (history is IReadOnlyList<PromptMessage> messages) metadata.Add(new KeyValuePair<string, PromptValue>("messages", PromptValue.Array(messages.Select(m => m.ToValue()))));
        baseData.Set("metadata", PromptValue.Object(metadata));
        if (options?.Context is { } contextJson && ConvertJson(contextJson) is PromptValue { Kind: PromptValueKind.Object } contextData)
        {
            foreach (var property in contextData.Properties) baseData.Set(property.Key, property.Value);
        }

        return baseData;
    }

    /// <summary>The <c>../</c> stack of a new template (the root or a partial).</summary>
    public static object NewStack(object? context) => new ContextStack(context, null);

    /// <summary>Handlebars' program wrapper: a new <c>../</c> level only when the context changed.</summary>
    public static object Push(object stack, object? context)
    {
        var current = (ContextStack)stack;
        return JsonInputValues.LooseEquals(context, current.Head) ? current : new ContextStack(context, current);
    }

    /// <summary>The context <paramref name="depth"/> levels up (<c>../</c> repeated).</summary>
    public static object? Up(object stack, int depth)
    {
        ContextStack? node = (ContextStack)stack;
        for (var i = 0; i < depth && node is not null; i++) node = node.Tail;
        return node?.Head;
    }

    /// <summary><c>value.a</c> (no array allocated for the one name).</summary>
    public static object? Path(object? value, string part) =>
        JsonInputValues.IsNullOrUndefined(value) ? value : JsonInputValues.Lookup(value, part);

    /// <summary><c>value.a.b</c> (no array allocated for the two names).</summary>
    public static object? Path(object? value, string first, string second) => Path(Path(value, first), second);

    /// <summary><c>value.a.b</c>: stops at null or undefined.</summary>
    public static object? Path(object? value, params string[] parts)
    {
        foreach (var part in parts)
        {
            if (JsonInputValues.IsNullOrUndefined(value)) return value;
            value = JsonInputValues.Lookup(value, part);
        }

        return value;
    }

    /// <summary><c>@name</c> (no array allocated for the one name).</summary>
    public static object? Data(object frame, int depth, string part)
    {
        // @index, @last, @root...: a frame is always truthy and looks its variables up itself.
        if (depth == 0 && frame is DataFrame own) return own.Get(part);
        object? data = frame;
        for (var i = 0; i < depth && data is DataFrame current; i++) data = current.Parent;
        return !JsonInputValues.IsTruthy(data) ? data : JsonInputValues.Lookup(data, part);
    }

    /// <summary><c>@../name.a</c>: data lookups stop at the first falsy value.</summary>
    public static object? Data(object frame, int depth, params string[] parts)
    {
        object? data = frame;
        for (var i = 0; i < depth && data is DataFrame current; i++) data = current.Parent;
        foreach (var part in parts)
        {
            if (!JsonInputValues.IsTruthy(data)) return data;
            data = JsonInputValues.Lookup(data, part);
        }

        return data;
    }

    /// <summary>The <c>lookup</c> helper.</summary>
    public static object? Lookup(object? target, object? key) =>
        !JsonInputValues.IsTruthy(target) ? target : JsonInputValues.Lookup(target, ToJsString(key));

    /// <summary>The runs of an <c>#each</c> body; none when the else part renders instead.</summary>
    public static BlockRuns Each(object? value, object frame)
    {
        var parent = (DataFrame)frame;
        if (value is JsonElement { ValueKind: JsonValueKind.Array } elements)
        {
            // An array of the input, read item by item where it lies while the body runs.
            var length = elements.GetArrayLength();
            return length == 0 ? default : new BlockRuns(elements, length, parent);
        }

        value = JsonInputValues.Materialize(value);
        if (value is PromptValue { Kind: PromptValueKind.Array } array)
        {
            // The common case without a list and a copy: one run per item, sized up front.
            var count = array.Items.Count;
            if (count == 0) return default;
            var items = new BlockInvocation[count];
            for (var i = 0; i < count; i++) items[i] = Run(parent, PromptValue.Number(i), i, i == count - 1, array.Items[i]);
            return new BlockRuns(items);
        }

        var entries = JsValues.EachEntries(value);
        if (entries.Count == 0) return default;
        var entryRuns = new BlockInvocation[entries.Count];
        for (var i = 0; i < entryRuns.Length; i++) entryRuns[i] = Run(parent, PromptValue.String(entries[i].Key), i, i == entryRuns.Length - 1, entries[i].Value);
        return new BlockRuns(entryRuns);
    }

    private static BlockInvocation Run(DataFrame parent, PromptValue keyValue, int index, bool last, object? item) =>
        new(item, parent, keyValue, index, last);

    /// <summary>
    /// Handlebars' <c>blockHelperMissing</c> for <c>{{#value}}...{{/value}}</c>: true renders the body once, lists
    /// iterate, other truthy values become the context; no run means the else part renders.
    /// </summary>
    public static BlockRuns BlockMissing(object? value, object? context, object frame)
    {
        if (value is JsonElement or JsonObjectView)
        {
            // Never true, false or null (those are shared template values): lists iterate, anything else is the context.
            return value is JsonElement { ValueKind: JsonValueKind.Array } ? Each(value, frame) : Once(value);
        }

        return JsValues.BlockHelperMissing(value) switch
        {
            MissingBlockAction.RenderBody => Once(context),
            MissingBlockAction.RenderInverse => default,
            MissingBlockAction.Iterate => Each(value, frame),
            _ => Once(value),
        };
    }

    private static BlockRuns Once(object? context) => new(new[] { new BlockInvocation(context) });

    public static object Role(object? name) => DotpromptHelpers.Role(JsonInputValues.Materialize(name));

    public static object History() => DotpromptHelpers.History();

    public static object Section(object? name) => DotpromptHelpers.Section(JsonInputValues.Materialize(name));

    public static object Media(object? url, object? contentType) => DotpromptHelpers.Media(JsonInputValues.Materialize(url), JsonInputValues.Materialize(contentType));

    /// <summary>The <c>json</c> helper's value (for a subexpression; a mustache of it is written by <see cref="TemplateWriter.Json"/>).</summary>
    public static object Json(object? value, object? indent)
    {
        // A value of the input is written from the document when it is one of the plain cases (see JsonInputStringify).
        indent = JsonInputValues.Materialize(indent);
        return JsonInputStringify.TryWrite(value, JsValues.JsonGap(indent)) is { } json
            ? DotpromptHelpers.JsonMarkup(json)
            : DotpromptHelpers.Json(JsonInputValues.Materialize(value), indent);
    }

    /// <summary>A partial's context extended with its hash arguments.</summary>
    public static object ExtendWithHash(object? context, string[] keys, object?[] values) =>
        DotpromptHelpers.ExtendWithHash(JsonInputValues.Materialize(context), keys.Select((key, i) => new KeyValuePair<string, object?>(key, JsonInputValues.Materialize(values[i]))));

    /// <summary>What the reference runtime throws at render time (a build error reports it first).</summary>
    public static Exception Throw(string message) => new InvalidOperationException(message);

    /// <summary>Throws where the reference runtime throws, in an expression.</summary>
    public static object? Fail(string message) => throw new InvalidOperationException(message);

    public static object EmptyObject() => PromptValue.EmptyObject();

    /// <summary>Splits what was written into messages and inserts the history (Dotprompt's <c>toMessages</c>).</summary>
    public static IList<Microsoft.Extensions.AI.ChatMessage> ToMessages(TemplateWriter writer, PromptRenderOptions? options, object? history)
    {
        var messages = ChatMessageMapping.Assemble(writer.Output, options, history as IReadOnlyList<PromptMessage>);

        // The top-level writer is done: it and its text buffers serve the next render on this thread.
        writer.Release();
        return messages;
    }

    /// <summary>The history as the shared message model (kept by generated code for <c>@metadata.messages</c> and assembly).</summary>
    public static object? HistoryOf(PromptRenderOptions? options) => ChatMessageMapping.FromChat(options?.History);
}
