using System.Text.Json;

namespace PromptGen;

/// <summary>
/// Immutable description of the type a model output must be parsed into. Generated code builds one per prompt
/// as static readonly data; <see cref="SchemaAlignedParser"/> uses it to pick and repair the payload.
/// </summary>
public sealed class OutputShape
{
    private static readonly OutputProperty[] NoProperties = System.Array.Empty<OutputProperty>();
    private static readonly string[] NoValues = System.Array.Empty<string>();

    private readonly Dictionary<string, int>? _propertyIndex;
    private readonly Dictionary<string, int>? _normalizedPropertyIndex;
    private EnumMatcher.EnumIndexData? _enumIndex;
    private string[]? _knownStrings;

    private OutputShape(
        OutputShapeKind kind,
        bool nullable,
        IReadOnlyList<string> enumValues,
        OutputShape? item,
        IReadOnlyList<OutputProperty> properties,
        OutputShape? additionalProperties,
        string? description)
    {
        Kind = kind;
        IsNullable = nullable;
        EnumValues = enumValues;
        Item = item;
        Properties = properties;
        PropertyArray = properties as OutputProperty[] ?? System.Linq.Enumerable.ToArray(properties);
        AdditionalProperties = additionalProperties;
        Description = description;
        EncodedEnumValues = EncodeAll(enumValues);
        if (properties.Count > 0)
        {
            _propertyIndex = new Dictionary<string, int>(properties.Count, StringComparer.Ordinal);
            _normalizedPropertyIndex = new Dictionary<string, int>(properties.Count, StringComparer.Ordinal);
            for (var i = 0; i < properties.Count; i++)
            {
                var name = properties[i].Name;
                if (_propertyIndex.ContainsKey(name))
                {
                    throw new ArgumentException($"Duplicate property '{name}'.", nameof(properties));
                }

                _propertyIndex[name] = i;
                var normalized = NormalizeName(name);
                // Two names that normalize alike make fuzzy matching ambiguous: only exact matches then.
                if (_normalizedPropertyIndex.ContainsKey(normalized))
                {
                    _normalizedPropertyIndex[normalized] = -1;
                }
                else
                {
                    _normalizedPropertyIndex[normalized] = i;
                }
            }
        }
    }

    public OutputShapeKind Kind { get; }

    /// <summary>True when JSON <c>null</c> is an acceptable value.</summary>
    public bool IsNullable { get; }

    /// <summary>Wire names of an <see cref="OutputShapeKind.Enum"/>; empty otherwise.</summary>
    public IReadOnlyList<string> EnumValues { get; }

    /// <summary>Item shape of an <see cref="OutputShapeKind.Array"/>, value shape of a <see cref="OutputShapeKind.Map"/>.</summary>
    public OutputShape? Item { get; }

    /// <summary>Declared properties of an <see cref="OutputShapeKind.Object"/>, in declaration order.</summary>
    public IReadOnlyList<OutputProperty> Properties { get; }

    /// <summary>Shape of undeclared properties of an object; null means they are dropped (and reported).</summary>
    public OutputShape? AdditionalProperties { get; }

    public string? Description { get; }

    public static OutputShape String { get; } = Scalar(OutputShapeKind.String);

    public static OutputShape Integer { get; } = Scalar(OutputShapeKind.Integer);

    public static OutputShape Number { get; } = Scalar(OutputShapeKind.Number);

    public static OutputShape Boolean { get; } = Scalar(OutputShapeKind.Boolean);

    public static OutputShape Any { get; } = new(OutputShapeKind.Any, true, NoValues, null, NoProperties, null, null);

    public static OutputShape Enum(params string[] values)
    {
        if (values is null || values.Length == 0)
        {
            throw new ArgumentException("An enum needs at least one value.", nameof(values));
        }

        return new OutputShape(OutputShapeKind.Enum, false, (string[])values.Clone(), null, NoProperties, null, null);
    }

    public static OutputShape Array(OutputShape item) =>
        new(OutputShapeKind.Array, false, NoValues, item ?? throw new ArgumentNullException(nameof(item)), NoProperties, null, null);

    public static OutputShape Object(IEnumerable<OutputProperty> properties, OutputShape? additionalProperties = null)
    {
        if (properties is null)
        {
            throw new ArgumentNullException(nameof(properties));
        }

        return new OutputShape(OutputShapeKind.Object, false, NoValues, null, new List<OutputProperty>(properties).ToArray(), additionalProperties, null);
    }

    public static OutputShape Object(params OutputProperty[] properties) => Object((IEnumerable<OutputProperty>)properties);

    public static OutputShape Map(OutputShape value) =>
        new(OutputShapeKind.Map, false, NoValues, value ?? throw new ArgumentNullException(nameof(value)), NoProperties, null, null);

    /// <summary>This shape, also accepting JSON <c>null</c>.</summary>
    public OutputShape AsNullable() => IsNullable ? this : With(nullable: true, Description);

    /// <summary>This shape with a description (kept for diagnostics and documentation only).</summary>
    public OutputShape WithDescription(string? description) => With(IsNullable, description);

    /// <summary>Index of the property with this exact wire name, else -1.</summary>
    public int FindProperty(string name)
    {
        if (_propertyIndex is null)
        {
            return -1;
        }

        // The loose parser hands over the declared name itself for a key spelled exactly like it (see KnownStrings):
        // comparing references first spares hashing the key.
        var properties = PropertyArray;
        if (properties.Length <= MaxPropertiesScanned)
        {
            for (var i = 0; i < properties.Length; i++)
            {
                if (ReferenceEquals(properties[i].Name, name))
                {
                    return i;
                }
            }
        }

        return _propertyIndex.TryGetValue(name, out var index) ? index : -1;
    }

    // Up to this many properties, a scan of references costs less than hashing the key.
    private const int MaxPropertiesScanned = 16;

    /// <summary>Index of the unique property whose name equals this one ignoring case, '_', '-' and spaces, else -1.</summary>
    internal int FindPropertyLoosely(string name) =>
        _normalizedPropertyIndex is not null && _normalizedPropertyIndex.TryGetValue(NormalizeName(name), out var i) ? i : -1;

    /// <summary>Every property name and enum value in this shape and the shapes below it (distinct, at most 64).</summary>
    /// <summary><see cref="Properties"/> as an array, for the aligner's loops (no interface calls per property).</summary>
    internal OutputProperty[] PropertyArray { get; }

    /// <summary><see cref="EnumValues"/> escaped once for the aligned JSON (null where a value is not valid UTF-16).</summary>
    internal JsonEncodedText?[] EncodedEnumValues { get; }

    internal string[] KnownStrings => _knownStrings ??= CollectKnownStrings();

    internal EnumMatcher.EnumIndexData EnumIndex => _enumIndex ??= new EnumMatcher.EnumIndexData(EnumValues);

    internal static string NormalizeName(string name)
    {
        // Short names are gathered on the stack: the only allocation is the result.
        Span<char> kept = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (c is '_' or '-' or ' ' or '.')
            {
                continue;
            }

            kept[length++] = char.ToLowerInvariant(c);
        }

        return kept.Slice(0, length).ToString();
    }

    public override string ToString()
    {
        var text = Kind switch
        {
            OutputShapeKind.Enum => "enum(" + string.Join("|", EnumValues) + ")",
            OutputShapeKind.Array => "array<" + Item + ">",
            OutputShapeKind.Map => "map<" + Item + ">",
            OutputShapeKind.Object => "object{" + string.Join(", ", Properties) + "}",
            _ => Kind.ToString().ToLowerInvariant(),
        };
        return IsNullable && Kind != OutputShapeKind.Any ? text + "?" : text;
    }

    internal string KindName => Kind switch
    {
        OutputShapeKind.Any => "any value",
        OutputShapeKind.String => "a string",
        OutputShapeKind.Integer => "an integer",
        OutputShapeKind.Number => "a number",
        OutputShapeKind.Boolean => "a boolean",
        OutputShapeKind.Enum => "one of " + string.Join(", ", EnumValues),
        OutputShapeKind.Array => "an array",
        OutputShapeKind.Object => "an object",
        _ => "an object (map)",
    };

    private string[] CollectKnownStrings()
    {
        // A short list: the parser compares each key against it, so huge schemas just copy keys instead.
        const int Limit = 64;
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<OutputShape>();
        pending.Push(this);
        while (pending.Count > 0 && found.Count < Limit)
        {
            var shape = pending.Pop();
            foreach (var property in shape.Properties)
            {
                if (found.Count < Limit && seen.Add(property.Name))
                {
                    found.Add(property.Name);
                }

                pending.Push(property.Shape);
            }

            foreach (var value in shape.EnumValues)
            {
                if (found.Count < Limit && seen.Add(value))
                {
                    found.Add(value);
                }
            }

            if (shape.Item is not null)
            {
                pending.Push(shape.Item);
            }

            if (shape.AdditionalProperties is not null)
            {
                pending.Push(shape.AdditionalProperties);
            }
        }

        return found.ToArray();
    }

    private static JsonEncodedText?[] EncodeAll(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return System.Array.Empty<JsonEncodedText?>();
        }

        var encoded = new JsonEncodedText?[values.Count];
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] = AlignedJson.TryEncode(values[i]);
        }

        return encoded;
    }

    private static OutputShape Scalar(OutputShapeKind kind) => new(kind, false, NoValues, null, NoProperties, null, null);

    private OutputShape With(bool nullable, string? description) =>
        new(Kind, nullable, EnumValues, Item, Properties, AdditionalProperties, description);
}
