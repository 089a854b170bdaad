using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using PromptGen.Serialization;

namespace PromptGen.Streaming;

/// <summary>
/// Typed views of streamed values, for generated <c>PartialOutput</c> readers. Strings show their text so far; numbers,
/// booleans, enum values and JSON values appear only once complete; lists and maps are rebuilt only when something
/// inside them changed (the previous view is reused otherwise), and a list shares its complete items between updates.
/// Records are read by <see cref="PartialRecordReader{T}"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PartialValues
{
    /// <summary>The text so far of a string; null when absent or not a string.</summary>
    public static string? String(StreamingNode? node) => node is StreamingString s ? s.Text : null;

    /// <summary>A complete integer (a number, or a number in quotes); null until then.</summary>
    public static long? Int64(StreamingNode? node) =>
        Complete(node, static text => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (long?)null);

    /// <summary>A complete 32-bit integer; null until then or when out of range.</summary>
    public static int? Int32(StreamingNode? node) =>
        Complete(node, static text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (int?)null);

    /// <summary>A complete number; null until then.</summary>
    public static double? Double(StreamingNode? node) =>
        Complete(node, static text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : (double?)null);

    /// <summary>A complete boolean; null until then.</summary>
    public static bool? Boolean(StreamingNode? node) =>
        node is StreamingScalar { Kind: StreamingNodeKind.Boolean } b ? string.Equals(b.Text, "true", StringComparison.OrdinalIgnoreCase) : null;

    /// <summary>A complete enum value whose wire name matches exactly; null until then.</summary>
    public static TEnum? Enum<TEnum>(StreamingNode? node, JsonEnumNames<TEnum> names)
        where TEnum : struct, Enum
    {
        if (node is not StreamingString { IsComplete: true } s)
        {
            return null;
        }

        if (s.Cached is TEnum cached)
        {
            return cached;
        }

        if (!names.TryParse(s.Text, out var value))
        {
            return null;
        }

        s.Cached = value;
        return value;
    }

    /// <summary>A complete JSON value; null until then.</summary>
    public static JsonElement? Json(StreamingNode? node)
    {
        if (node is null || !node.IsComplete)
        {
            return null;
        }

        if (node.CachedVersion == node.Version && node.Cached is JsonElement cached)
        {
            return cached;
        }

        var element = JsonText.ParseElement(StreamingJson.ToJson(node));
        node.Cached = element;
        node.CachedVersion = node.Version;
        return element;
    }

    /// <summary>True when a field's new value equals its current one (then a partial record is reused, not copied).</summary>
    /// <typeparam name="T">The field's type.</typeparam>
    /// <param name="value">The value just read.</param>
    /// <param name="current">The field's current value.</param>
    public static bool Same<T>(T value, T current) => EqualityComparer<T>.Default.Equals(value, current);

    /// <summary>The items of an array that have a value so far (a pending number is not yet an item).</summary>
    public static IReadOnlyList<T>? List<T>(StreamingNode? node, Func<StreamingNode, T?> item)
        where T : class =>
        ListOf(node, item, static value => value is not null, static value => value!);

    /// <summary>
    /// The items of an array of strings so far. The text of the last, unfinished item is built only when it is read, so
    /// a chunk inside it costs a snapshot, not a new <see cref="string"/>.
    /// </summary>
    public static IReadOnlyList<string>? StringList(StreamingNode? node)
    {
        if (node is not StreamingArray array)
        {
            return null;
        }

        if (array.CachedVersion == array.Version && array.Cached is StringsState { Snapshot: { } cached })
        {
            return cached;
        }

        // The same reading as a record's list field; the list is built here because the caller keeps a list.
        var items = StringItems(array).Value!;
        ((StringsState)array.Cached!).Snapshot = items;
        array.CachedVersion = array.Version;
        return items;
    }

    /// <summary>
    /// The items of an array of strings so far, as a value that can be kept (see <see cref="PartialStrings"/>): the
    /// complete items are read into the array's shared list once; the unfinished last one is a view of its text.
    /// </summary>
    internal static PartialStrings StringItems(StreamingNode? node)
    {
        if (node is not StreamingArray array)
        {
            return default;
        }

        var state = ReadStrings(array);
        var count = array.Count;
        return PartialStrings.Streamed(state.Builder, count > state.Read ? array.ItemAt(count - 1) as StreamingString : null);
    }

    /// <summary>
    /// The position of a string field for a generated record to keep (see <see cref="PartialSource"/>): 0 until the
    /// string starts, then its visible length plus one.
    /// </summary>
    public static int TextPosition(StreamingNode? node) => node is StreamingString s ? s.VisibleLength + 1 : 0;

    /// <summary>
    /// The position of a list-of-strings field for a generated record to keep (see <see cref="PartialSource"/>): 0
    /// until the array starts, then the number of its complete items plus one (high half) and the visible length of its
    /// unfinished last item plus one (low half; 0 when there is none). Complete items are read into the array's shared
    /// list once.
    /// </summary>
    public static long StringsPosition(StreamingNode? node)
    {
        if (node is not StreamingArray array)
        {
            return 0;
        }

        // Most updates are inside the last item: nothing new to read into the shared list.
        var state = array.Cached as StringsState is { } known && known.Read == array.CompletedCount ? known : ReadStrings(array);
        var tail = array.Count > state.Read ? array.ItemAt(state.Read) as StreamingString : null;
        return ((long)(state.Read + 1) << 32) | (uint)(tail is null ? 0 : tail.VisibleLength + 1);
    }

    /// <summary>The items of <paramref name="array"/> at a position from <see cref="StringsPosition"/>.</summary>
    internal static PartialStrings StringsAt(StreamingArray array, long position)
    {
        var read = (int)(position >> 32) - 1;
        var tailLength = (int)(position & 0xFFFFFFFFL) - 1;
        var state = (StringsState)array.Cached!;
        return PartialStrings.At(state.Builder, state.CountAt(read), tailLength >= 0 ? (StreamingString)array.ItemAt(read) : null, tailLength);
    }

    /// <summary>
    /// Adds the complete items of an array of strings not read yet to its shared list (an item that is not a string is
    /// left out). The items are the streamed strings: a complete one's text is built when it is first read.
    /// </summary>
    private static StringsState ReadStrings(StreamingArray array)
    {
        if (array.Cached is not StringsState state)
        {
            state = new StringsState();
            array.Cached = state;
        }

        for (; state.Read < array.CompletedCount; state.Read++)
        {
            if (array.ItemAt(state.Read) is StreamingString text)
            {
                state.Builder.Add(text);
            }
            else
            {
                (state.Skipped ??= new List<int>()).Add(state.Read);
            }
        }

        return state;
    }

    /// <summary>The items of an array of value types that have a value so far.</summary>
    public static IReadOnlyList<T>? ValueList<T>(StreamingNode? node, Func<StreamingNode, T?> item)
        where T : struct =>
        ListOf(node, item, static value => value.HasValue, static value => value!.Value);

    /// <summary>The entries of a map whose values have a value so far, in the order the model wrote them.</summary>
    public static IReadOnlyDictionary<string, T>? Map<T>(StreamingNode? node, Func<StreamingNode, T?> value)
        where T : class =>
        MapOf(node, value, static v => v is not null, static v => v!);

    /// <summary>The entries of a map of value types whose values have a value so far.</summary>
    public static IReadOnlyDictionary<string, T>? ValueMap<T>(StreamingNode? node, Func<StreamingNode, T?> value)
        where T : struct =>
        MapOf(node, value, static v => v.HasValue, static v => v!.Value);

    /// <summary>
    /// A complete number (or number in quotes) read once: a complete value never changes, so later updates reuse it
    /// instead of parsing its text again.
    /// </summary>
    private static T? Complete<T>(StreamingNode? node, Func<string, T?> parse)
        where T : struct
    {
        string text;
        switch (node)
        {
            case StreamingScalar { Kind: StreamingNodeKind.Number } number:
                text = number.Text;
                break;
            case StreamingString { IsComplete: true } quoted:
                text = quoted.Text.Trim();
                break;
            default:
                return null;
        }

        if (node.Cached is T cached)
        {
            return cached;
        }

        var value = parse(text);
        if (value.HasValue)
        {
            node.Cached = value.Value;
        }

        return value;
    }

    private static IReadOnlyList<T>? ListOf<T, TRead>(StreamingNode? node, Func<StreamingNode, TRead> item, Func<TRead, bool> has, Func<TRead, T> get)
    {
        if (node is not StreamingArray array)
        {
            return null;
        }

        if (array.CachedVersion == array.Version && array.Cached is ListState<T> cached)
        {
            return cached.Snapshot;
        }

        var state = array.Cached as ListState<T> ?? new ListState<T>();
        // Complete items are read once, into the shared builder.
        for (; state.Read < array.CompletedCount; state.Read++)
        {
            var value = item(array.ItemAt(state.Read));
            if (has(value))
            {
                state.Builder.Add(get(value));
            }
        }

        var hasTail = false;
        T tail = default!;
        var count = array.Count;
        if (count > state.Read)
        {
            var value = item(array.ItemAt(count - 1));
            if (has(value))
            {
                hasTail = true;
                tail = get(value);
            }
        }

        state.Snapshot = new PartialList<T>(state.Builder.Items, state.Builder.Count, hasTail, tail);
        array.Cached = state;
        array.CachedVersion = array.Version;
        return state.Snapshot;
    }

    private static IReadOnlyDictionary<string, T>? MapOf<T, TRead>(StreamingNode? node, Func<StreamingNode, TRead> read, Func<TRead, bool> has, Func<TRead, T> get)
    {
        if (node is not StreamingObject o)
        {
            return null;
        }

        if (o.CachedVersion == o.Version && o.Cached is IReadOnlyDictionary<string, T> cached)
        {
            return cached;
        }

        var map = new Dictionary<string, T>(o.Properties.Count, StringComparer.Ordinal);
        foreach (var property in o.Properties)
        {
            if (property.Value is not null && !map.ContainsKey(property.Key) && read(property.Value) is var value && has(value))
            {
                map[property.Key] = get(value);
            }
        }

        o.Cached = map;
        o.CachedVersion = o.Version;
        return map;
    }

    private sealed class ListState<T>
    {
        public readonly PartialListBuilder<T> Builder = new();
        public int Read;
        public IReadOnlyList<T> Snapshot = System.Array.Empty<T>();
    }

    /// <summary>What has been read of a streamed array of strings.</summary>
    private sealed class StringsState
    {
        /// <summary>The complete string items, in order.</summary>
        public readonly PartialListBuilder<StreamingString> Builder = new();

        /// <summary>How many leading items of the array were read into <see cref="Builder"/>.</summary>
        public int Read;

        /// <summary>The indexes of the items read that were left out (not strings); null when none was.</summary>
        public List<int>? Skipped;

        /// <summary>The list <see cref="StringList"/> made at the array's cached version.</summary>
        public IReadOnlyList<string>? Snapshot;

        /// <summary>How many items <see cref="Builder"/> had when the first <paramref name="read"/> items of the array were read.</summary>
        public int CountAt(int read)
        {
            if (Skipped is null)
            {
                return read;
            }

            // Indexes only grow, and a kept partial may read this while the stream adds to it: by index, not foreach.
            var count = read;
            for (var i = 0; i < Skipped.Count && Skipped[i] < read; i++)
            {
                count--;
            }

            return count;
        }
    }
}
