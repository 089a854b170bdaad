namespace PromptGen.Language.Values;

/// <summary>
/// An immutable JSON value (null, boolean, number, string, array or object with ordered keys).
/// It is the common currency between YAML frontmatter, render data and JSON output, and is
/// deliberately independent of System.Text.Json so the language core can run inside the compiler.
/// A C# <c>null</c> reference stands for JavaScript's <c>undefined</c> wherever a value is optional.
/// </summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
sealed class PromptValue : IEquatable<PromptValue>
{
    private static readonly PromptValue[] s_emptyItems = System.Array.Empty<PromptValue>();
    private static readonly KeyValuePair<string, PromptValue>[] s_emptyProperties = System.Array.Empty<KeyValuePair<string, PromptValue>>();

    public static readonly PromptValue Null = new(PromptValueKind.Null);
    public static readonly PromptValue True = new(PromptValueKind.Boolean, 1);
    public static readonly PromptValue False = new(PromptValueKind.Boolean, 0);
    public static readonly PromptValue EmptyString = new(PromptValueKind.String, string.Empty);

    // One payload field for every kind (the string, the item array, the property array or an IndexedProperties) and one
    // number (a boolean is 1 or 0): frontmatter, schemas and render data hold tens of thousands of values, which the
    // compiler server keeps between builds, so each value is kept as small as it can be.
    private readonly double _number;
    private readonly object? _payload;

    private PromptValue(PromptValueKind kind, double number = 0, object? payload = null)
    {
        Kind = kind;
        _number = number;
        _payload = payload;
    }

    private PromptValue(PromptValueKind kind, object payload)
        : this(kind, 0, payload)
    {
    }

    public PromptValueKind Kind { get; }

    public bool IsNull => Kind == PromptValueKind.Null;

    public bool AsBoolean => Kind == PromptValueKind.Boolean ? _number != 0 : throw WrongKind(PromptValueKind.Boolean);

    public double AsNumber => Kind == PromptValueKind.Number ? _number : throw WrongKind(PromptValueKind.Number);

    public string AsString => Kind == PromptValueKind.String ? (string)_payload! : throw WrongKind(PromptValueKind.String);

    /// <summary>Array items; empty for non-arrays.</summary>
    public IReadOnlyList<PromptValue> Items => Kind == PromptValueKind.Array ? (PromptValue[])_payload! : s_emptyItems;

    /// <summary>Object properties in insertion order; empty for non-objects.</summary>
    public IReadOnlyList<KeyValuePair<string, PromptValue>> Properties => PropertyArray;

    private KeyValuePair<string, PromptValue>[] PropertyArray => _payload switch
    {
        KeyValuePair<string, PromptValue>[] properties => properties,
        IndexedProperties indexed => indexed.Properties,
        _ => s_emptyProperties,
    };

    /// <summary>The key index of an object with more keys than a linear search suits; null for any other value.</summary>
    private Dictionary<string, int>? Index => (_payload as IndexedProperties)?.Index;

    public static PromptValue Boolean(bool value) => value ? True : False;

    public static PromptValue Number(double value)
    {
        // Loop indexes and counts: small whole numbers are shared (values are immutable); -0 keeps its own value.
        var small = (int)value;
        if (small == value && (uint)small < SmallIntegers && (small != 0 || System.BitConverter.DoubleToInt64Bits(value) == 0)) return s_smallIntegers[small];
        return new(PromptValueKind.Number, value);
    }

    private const int SmallIntegers = 256;

    private static readonly PromptValue[] s_smallIntegers = CreateSmallIntegers();

    private static PromptValue[] CreateSmallIntegers()
    {
        var values = new PromptValue[SmallIntegers];
        for (var i = 0; i < values.Length; i++) values[i] = new PromptValue(PromptValueKind.Number, i);
        return values;
    }

    public static PromptValue String(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        return value.Length == 0 ? EmptyString : new PromptValue(PromptValueKind.String, value);
    }

    public static PromptValue Array(IEnumerable<PromptValue> items)
    {
        if (items is null) throw new ArgumentNullException(nameof(items));
        return new PromptValue(PromptValueKind.Array, items.ToArray());
    }

    public static PromptValue Array(params PromptValue[] items) => Array((IEnumerable<PromptValue>)items);

    /// <summary>An array over <paramref name="items"/> itself, not a copy: the caller gives it up.</summary>
    internal static PromptValue ArrayOwned(PromptValue[] items) => new(PromptValueKind.Array, items);

    /// <summary>Creates an object. A repeated key keeps its first position and its last value, as in JavaScript.</summary>
    public static PromptValue Object(IEnumerable<KeyValuePair<string, PromptValue>> properties)
    {
        if (properties is null) throw new ArgumentNullException(nameof(properties));
        var list = properties is ICollection<KeyValuePair<string, PromptValue>> collection
            ? new List<KeyValuePair<string, PromptValue>>(collection.Count)
            : new List<KeyValuePair<string, PromptValue>>();

        // Small objects (most of them) are searched linearly: a dictionary per object costs more than it saves.
        Dictionary<string, int>? index = null;
        if (properties is IReadOnlyList<KeyValuePair<string, PromptValue>> indexed)
        {
            // By index: a foreach over the interface would allocate an enumerator.
            for (var i = 0; i < indexed.Count; i++) AddOrReplace(list, ref index, indexed[i]);
        }
        else
        {
            foreach (var property in properties) AddOrReplace(list, ref index, property);
        }

        return NewObject(list.ToArray(), index);
    }

    /// <summary>An object over exactly <paramref name="properties"/> (distinct keys), with its key index when it has one.</summary>
    private static PromptValue NewObject(KeyValuePair<string, PromptValue>[] properties, Dictionary<string, int>? index) =>
        properties.Length == 0 ? new PromptValue(PromptValueKind.Object)
        : new PromptValue(PromptValueKind.Object, index is null ? properties : new IndexedProperties(properties, index));

    private static void AddOrReplace(List<KeyValuePair<string, PromptValue>> list, ref Dictionary<string, int>? index, KeyValuePair<string, PromptValue> property)
    {
        var existing = Find(list, index, property.Key);
        if (existing >= 0)
        {
            list[existing] = property;
            return;
        }

        list.Add(property);
        if (index is not null)
        {
            index[property.Key] = list.Count - 1;
        }
        else if (list.Count > LinearSearchLimit)
        {
            index = new Dictionary<string, int>(list.Count * 2, StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++) index[list[i].Key] = i;
        }
    }

    private const int LinearSearchLimit = 8;

    /// <summary>
    /// An object over <paramref name="properties"/> itself (the caller gives it up): a repeated key is folded in place,
    /// keeping its first position and its last value, as <see cref="Object(IEnumerable{KeyValuePair{string, PromptValue}})"/> does.
    /// Only an array with repeats is copied (to its distinct length).
    /// </summary>
    internal static PromptValue ObjectOwned(KeyValuePair<string, PromptValue>[] properties)
    {
        // As in Object: keys are searched linearly until there are more than a few distinct ones.
        Dictionary<string, int>? index = null;
        var count = 0;
        for (var read = 0; read < properties.Length; read++)
        {
            var property = properties[read];
            var existing = index is not null
                ? (index.TryGetValue(property.Key, out var position) ? position : -1)
                : FindInPrefix(properties, count, property.Key);
            if (existing >= 0)
            {
                properties[existing] = property;
                continue;
            }

            if (index is not null) index[property.Key] = count;
            properties[count++] = property;
            if (index is null && count > LinearSearchLimit)
            {
                index = new Dictionary<string, int>(properties.Length * 2, StringComparer.Ordinal);
                for (var i = 0; i < count; i++) index[properties[i].Key] = i;
            }
        }

        if (count < properties.Length) System.Array.Resize(ref properties, count);
        return NewObject(properties, index);
    }

    /// <summary>As <see cref="ObjectOwned(KeyValuePair{string, PromptValue}[])"/> over a list's items.</summary>
    internal static PromptValue ObjectOwned(List<KeyValuePair<string, PromptValue>> properties) => ObjectOwned(properties.ToArray());

    private static int FindInPrefix(KeyValuePair<string, PromptValue>[] properties, int count, string key)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(properties[i].Key, key, StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    private static int Find(IReadOnlyList<KeyValuePair<string, PromptValue>> list, Dictionary<string, int>? index, string key)
    {
        if (index is not null) return index.TryGetValue(key, out var position) ? position : -1;
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i].Key, key, StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    public static PromptValue Object(params (string Key, PromptValue Value)[] properties)
    {
        if (properties is null) throw new ArgumentNullException(nameof(properties));
        var pairs = new KeyValuePair<string, PromptValue>[properties.Length];
        for (var i = 0; i < properties.Length; i++) pairs[i] = new KeyValuePair<string, PromptValue>(properties[i].Key, properties[i].Value);
        return ObjectOwned(pairs);
    }

    /// <summary>A new empty object (a distinct instance each call, sharing the empty property list).</summary>
    public static PromptValue EmptyObject() => new(PromptValueKind.Object);

    /// <summary>Looks up an object property; returns <c>null</c> (undefined) when absent or when this is not an object.</summary>
    public PromptValue? this[string key] => TryGetProperty(key, out var value) ? value : null;

    public bool TryGetProperty(string key, out PromptValue value)
    {
        if (Kind != PromptValueKind.Object)
        {
            value = null!;
            return false;
        }

        var properties = PropertyArray;
        var position = Find(properties, Index, key);
        if (position >= 0)
        {
            value = properties[position].Value;
            return true;
        }

        value = null!;
        return false;
    }

    /// <summary>Returns a copy of this object with <paramref name="key"/> set (added at the end, or replaced in place).</summary>
    public PromptValue With(string key, PromptValue value)
    {
        if (Kind != PromptValueKind.Object) throw WrongKind(PromptValueKind.Object);
        var current = PropertyArray;
        var existing = Find(current, Index, key);
        var properties = new KeyValuePair<string, PromptValue>[existing >= 0 ? current.Length : current.Length + 1];
        System.Array.Copy(current, properties, current.Length);
        properties[existing >= 0 ? existing : current.Length] = new KeyValuePair<string, PromptValue>(key, value);
        return ObjectOwned(properties);
    }

    public bool Equals(PromptValue? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Kind != Kind) return false;
        switch (Kind)
        {
            case PromptValueKind.Null: return true;
            case PromptValueKind.Boolean:
            case PromptValueKind.Number: return _number.Equals(other._number);
            case PromptValueKind.String: return string.Equals((string)_payload!, (string)other._payload!, StringComparison.Ordinal);
            case PromptValueKind.Array:
                var items = (PromptValue[])_payload!;
                var otherItems = (PromptValue[])other._payload!;
                if (items.Length != otherItems.Length) return false;
                for (var i = 0; i < items.Length; i++)
                {
                    if (!items[i].Equals(otherItems[i])) return false;
                }

                return true;
            default:
                // Objects compare as sets of keys: order does not matter.
                var properties = PropertyArray;
                if (properties.Length != other.PropertyArray.Length) return false;
                foreach (var property in properties)
                {
                    if (!other.TryGetProperty(property.Key, out var otherValue) || !property.Value.Equals(otherValue))
                    {
                        return false;
                    }
                }

                return true;
        }
    }

    public override bool Equals(object? obj) => obj is PromptValue other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            switch (Kind)
            {
                case PromptValueKind.Boolean: return _number != 0 ? 1 : 2;
                case PromptValueKind.Number: return _number.GetHashCode();
                case PromptValueKind.String: return StringComparer.Ordinal.GetHashCode((string)_payload!);
                case PromptValueKind.Array:
                    var hash = 17;
                    foreach (var item in (PromptValue[])_payload!) hash = (hash * 31) + item.GetHashCode();
                    return hash;
                case PromptValueKind.Object:
                    var objectHash = 19;
                    foreach (var property in PropertyArray)
                    {
                        // Order-independent combination, matching order-independent equality.
                        objectHash ^= StringComparer.Ordinal.GetHashCode(property.Key) * 397 ^ property.Value.GetHashCode();
                    }

                    return objectHash;
                default: return 0;
            }
        }
    }

    /// <summary>Compact JSON, keys in insertion order.</summary>
    public override string ToString() => PromptJson.Serialize(this);

    private InvalidOperationException WrongKind(PromptValueKind expected) =>
        new($"The value is {Kind}, not {expected}.");

    /// <summary>The properties of an object too big for a linear key search, with their key index.</summary>
    private sealed class IndexedProperties(KeyValuePair<string, PromptValue>[] properties, Dictionary<string, int> index)
    {
        public KeyValuePair<string, PromptValue>[] Properties { get; } = properties;

        public Dictionary<string, int> Index { get; } = index;
    }
}
