using PromptGen.Language.Collections;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Schemas;
using PromptGen.Language.Text;
using PromptGen.Language.Values;

namespace PromptGen.Language.Semantics;

/// <summary>
/// The one place that interprets JSON Schema (Picoschema is converted to JSON Schema first). Turns a schema into
/// <see cref="SchemaNode"/>s and reports PG0105 where generated C# cannot type a construct faithfully, at the construct
/// in the <c>.prompt</c> file. Every other reader of a prompt works on the nodes.
/// </summary>
public sealed class SchemaReader
{
    /// <summary>Schemas nested deeper than this become <see cref="SchemaKind.Any"/> (with PG0105).</summary>
    public const int MaxDepth = 64;

    private static readonly string[] s_anyKeywords = { "$ref", "anyOf", "oneOf", "allOf", "not", "if" };

    /// <summary>The keywords whose branches can say "X or null".</summary>
    private static readonly string[] s_unionKeywords = { "anyOf", "oneOf" };

    /// <summary>Keywords C# cannot express but that leave the rest of the schema usable.</summary>
    private static readonly string[] s_ignoredKeywords = { "patternProperties", "prefixItems", "dependentSchemas" };

    private readonly string _path;
    private readonly string _label;
    private readonly PicoschemaResult? _conversion;
    private readonly SourceSpan? _fallbackSpan;
    private readonly List<PromptDiagnostic>? _diagnostics;

    private SchemaReader(string path, string label, PicoschemaResult? conversion, SourceSpan? fallbackSpan, List<PromptDiagnostic>? diagnostics)
    {
        _path = path;
        _label = label;
        _conversion = conversion;
        _fallbackSpan = fallbackSpan;
        _diagnostics = diagnostics;
    }

    /// <summary>Reads a schema without locations or diagnostics (for schemas that come from code or the command line).</summary>
    public static SchemaNode Read(PromptValue? schema) => new SchemaReader(string.Empty, "schema", null, null, null).Read(schema, string.Empty, 0, null);

    /// <summary>
    /// Reads <paramref name="schema"/> (the <paramref name="label"/> section of the file at <paramref name="path"/>,
    /// e.g. <c>input.schema</c>), locating nodes through the Picoschema conversion and adding PG0105 to
    /// <paramref name="diagnostics"/>. <paramref name="defaults"/> (an object) gives top-level properties their defaults.
    /// </summary>
    public static SchemaNode Read(PromptValue? schema, string path, string label, PicoschemaResult? conversion, SourceSpan? fallbackSpan,
        List<PromptDiagnostic> diagnostics, PromptValue? defaults = null) =>
        new SchemaReader(path, label, conversion, fallbackSpan, diagnostics).Read(schema, string.Empty, 0, defaults);

    private SchemaNode Read(PromptValue? schema, string pointer, int depth, PromptValue? defaults)
    {
        // The node keeps its pointer as long as the prompt is kept: the conversion's own copy, where it has one.
        if (_conversion is not null) pointer = _conversion.SharePointer(pointer);
        var span = SpanOf(pointer);
        if (schema is null) return SchemaNode.Any with { Pointer = pointer, Span = span };
        if (depth > MaxDepth) return Unmappable(SchemaNode.Any, pointer, span, $"a schema nested deeper than {MaxDepth} levels");
        if (schema.Kind == PromptValueKind.Boolean)
        {
            var booleanSchema = SchemaNode.Any with { Pointer = pointer, Span = span, AllowsAnyValue = schema.AsBoolean };
            return Unmappable(booleanSchema, pointer, span, "a boolean schema");
        }

        if (schema.Kind != PromptValueKind.Object) return Unmappable(SchemaNode.Any, pointer, span, "a value that is not a schema object");

        var description = schema["description"] is { Kind: PromptValueKind.String } text ? text.AsString : null;
        foreach (var keyword in s_ignoredKeywords)
        {
            if (schema[keyword] is not null) Report(SchemaPointer.Append(pointer, keyword), pointer, $"`{keyword}`");
        }

        // `anyOf: [X, {type: null}]` is JSON Schema's way to say "X or null": that is X, nullable.
        if (NullableBranch(schema) is { } nullableBranch)
        {
            var branch = Read(nullableBranch.Branch, SchemaPointer.Append(SchemaPointer.Append(pointer, nullableBranch.Keyword), nullableBranch.Index), depth + 1, defaults);
            return branch with { IsNullable = true, NullableByBranch = true, Pointer = pointer, Span = span, Description = description ?? branch.Description };
        }

        foreach (var keyword in s_anyKeywords)
        {
            if (schema[keyword] is null) continue;
            Report(SchemaPointer.Append(pointer, keyword), pointer, $"`{keyword}`");
            return new SchemaNode { Pointer = pointer, Span = span, Description = description, Kind = SchemaKind.Any, IsNullable = true, NoCSharpType = $"`{keyword}`" };
        }

        var typeValue = schema["type"];
        if (!TryReadTypes(typeValue, out var types))
        {
            var invalid = new SchemaNode { Pointer = pointer, Span = span, Description = description, Kind = SchemaKind.Any, IsNullable = true };
            return Unmappable(invalid, pointer, span, "a `type` that is not a string or a list of strings");
        }

        var nonNull = new List<string>(types.Length);
        foreach (var type in types)
        {
            if (type != "null" && !nonNull.Contains(type)) nonNull.Add(type);
        }

        // A plain scalar (the most common field) gets its kind at once instead of through a copy of the node.
        var constValue = schema["const"];
        var enumValues = schema["enum"];
        var scalarKind = constValue is null && enumValues is null && nonNull.Count == 1 ? ScalarKindOf(nonNull[0]) : null;
        var node = new SchemaNode
        {
            Pointer = pointer,
            Span = span,
            Description = description,
            DeclaredTypes = new EquatableArray<string>(types),
            IsNullable = Array.IndexOf(types, "null") >= 0,
            Const = constValue,
            Kind = scalarKind ?? default,
        };
        if (scalarKind is not null) return node;
        if (node.Const is not null) node = Unmappable(node, pointer, span, "`const`");

        if (enumValues is not null) return ReadEnum(node, enumValues, nonNull, pointer, span);

        if (nonNull.Count == 0)
        {
            if (types.Length > 0) return Unmappable(node with { Kind = SchemaKind.Null }, pointer, span, "a type that only allows null");
            if (schema["properties"] is not null) return ReadObject(node, schema, pointer, depth, defaults);
            if (schema["items"] is not null) return ReadArray(node, schema, pointer, depth);

            // Picoschema `any` ({}): JsonElement is its faithful type, not a fallback.
            return node with { Kind = SchemaKind.Any, IsNullable = true, NoCSharpType = node.NoCSharpType ?? "any value" };
        }

        if (nonNull.Count > 1)
        {
            if (nonNull.Count == 2 && nonNull.Contains("integer") && nonNull.Contains("number")) return node with { Kind = SchemaKind.Number };
            Report(SchemaPointer.Append(pointer, "type"), pointer, $"a union of types ({string.Join(", ", nonNull)})");
            return node with { Kind = SchemaKind.Any, IsNullable = true, NoCSharpType = "a union of types" };
        }

        if (ScalarKindOf(nonNull[0]) is { } kind) return node with { Kind = kind };
        switch (nonNull[0])
        {
            case "array": return ReadArray(node, schema, pointer, depth);
            case "object": return ReadObject(node, schema, pointer, depth, defaults);
            default:
                return Unmappable(node with { Kind = SchemaKind.Any, IsNullable = true }, pointer, span, $"the unknown type '{nonNull[0]}'");
        }
    }

    /// <summary>The names in <c>type</c> (none without it); false when it is neither a string nor a list of strings.</summary>
    private static bool TryReadTypes(PromptValue? typeValue, out string[] types)
    {
        types = Array.Empty<string>();
        if (typeValue is null) return true;
        if (typeValue.Kind == PromptValueKind.String)
        {
            types = new[] { typeValue.AsString };
            return true;
        }

        if (typeValue.Kind != PromptValueKind.Array) return false;
        foreach (var item in typeValue.Items)
        {
            if (item.Kind != PromptValueKind.String) return false;
        }

        types = new string[typeValue.Items.Count];
        for (var i = 0; i < types.Length; i++) types[i] = typeValue.Items[i].AsString;
        return true;
    }

    /// <summary>The kind of a scalar type name; <c>null</c> for the others, which need more than a name.</summary>
    private static SchemaKind? ScalarKindOf(string type) => type switch
    {
        "string" => SchemaKind.String,
        "integer" => SchemaKind.Integer,
        "number" => SchemaKind.Number,
        "boolean" => SchemaKind.Boolean,
        _ => null,
    };

    /// <summary>The one non-null branch of an <c>anyOf</c>/<c>oneOf</c> whose other branches only allow null, if the schema is that and nothing else.</summary>
    private static (PromptValue Branch, string Keyword, string Index)? NullableBranch(PromptValue schema)
    {
        foreach (var keyword in s_unionKeywords)
        {
            if (schema[keyword] is not { Kind: PromptValueKind.Array } branches) continue;
            foreach (var other in s_anyKeywords)
            {
                if (other != keyword && schema[other] is not null) return null;
            }

            if (schema["type"] is not null || schema["enum"] is not null) return null;
            (PromptValue, string, string)? found = null;
            for (var i = 0; i < branches.Items.Count; i++)
            {
                var branch = branches.Items[i];
                if (branch is { Kind: PromptValueKind.Object } && branch["type"] is { Kind: PromptValueKind.String } type && type.AsString == "null" && branch.Properties.Count == 1) continue;
                if (found is not null) return null;
                found = (branch, keyword, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return found;
        }

        return null;
    }

    private SchemaNode ReadEnum(SchemaNode node, PromptValue values, List<string> nonNull, string pointer, SourceSpan? span)
    {
        var declaredKind = nonNull.Count == 1 ? KindOfTypeName(nonNull[0]) : SchemaKind.Any;
        if (values.Kind != PromptValueKind.Array || values.Items.Count == 0)
        {
            return Unmappable(node with { Kind = declaredKind }, pointer, span, "an `enum` that is not a non-empty list");
        }

        var hasNull = false;
        var allStrings = true;
        var enumValues = new PromptValue[values.Items.Count];
        for (var i = 0; i < enumValues.Length; i++)
        {
            var value = enumValues[i] = values.Items[i];
            hasNull |= value.IsNull;
            allStrings &= value.Kind is PromptValueKind.String or PromptValueKind.Null;
        }

        var isNullable = node.IsNullable || hasNull;
        if (!allStrings)
        {
            var withValues = node with { EnumValues = new EquatableArray<PromptValue>(enumValues), IsNullable = isNullable, Kind = declaredKind };
            return Unmappable(withValues, pointer, span, "an `enum` with values that are not strings");
        }

        return node with { EnumValues = new EquatableArray<PromptValue>(enumValues), IsNullable = isNullable, Kind = SchemaKind.String, IsStringEnum = true };
    }

    private SchemaNode ReadArray(SchemaNode node, PromptValue schema, string pointer, int depth)
    {
        var items = schema["items"];
        var itemsPointer = SchemaPointer.Append(pointer, "items");
        if (items is null || items.Kind != PromptValueKind.Object)
        {
            var element = Unmappable(SchemaNode.Any, itemsPointer, SpanOf(itemsPointer), "an array without a single `items` schema");
            return node with { Kind = SchemaKind.Array, Items = element };
        }

        return node with { Kind = SchemaKind.Array, Items = Read(items, itemsPointer, depth + 1, null) };
    }

    private SchemaNode ReadObject(SchemaNode node, PromptValue schema, string pointer, int depth, PromptValue? defaults)
    {
        var additional = schema["additionalProperties"];
        SchemaNode? additionalNode = additional switch
        {
            { Kind: PromptValueKind.Object } => Read(additional, SchemaPointer.Append(pointer, "additionalProperties"), depth + 1, null),
            { Kind: PromptValueKind.Boolean, AsBoolean: true } => SchemaNode.Any with { Pointer = SchemaPointer.Append(pointer, "additionalProperties") },
            _ => null,
        };
        var allowsUndeclared = additional is not { Kind: PromptValueKind.Boolean, AsBoolean: false };

        if (schema["properties"] is not { Kind: PromptValueKind.Object } properties || properties.Properties.Count == 0)
        {
            return node with { AdditionalProperties = additionalNode, AllowsUndeclaredProperties = allowsUndeclared, Kind = SchemaKind.Map };
        }

        var required = RequiredNames.Of(schema["required"]);
        var list = new SchemaProperty[properties.Properties.Count];
        var propertiesPointer = SchemaPointer.Append(pointer, "properties");
        for (var i = 0; i < list.Length; i++)
        {
            var property = properties.Properties[i];
            var propertyPointer = SchemaPointer.Append(propertiesPointer, property.Key);
            var type = Read(property.Value, propertyPointer, depth + 1, null);
            var fallbackDefault = defaults is { Kind: PromptValueKind.Object } && defaults.TryGetProperty(property.Key, out var value) ? value : null;
            list[i] = new SchemaProperty(property.Key, type, required.Contains(property.Key), fallbackDefault, ExactSpanOf(propertyPointer));
        }

        return node with
        {
            AdditionalProperties = additionalNode,
            AllowsUndeclaredProperties = allowsUndeclared,
            Kind = SchemaKind.Object,
            Properties = new EquatableArray<SchemaProperty>(list),
        };
    }

    /// <summary>The string names of a <c>required</c> list, searched directly when short (most are) and through a set otherwise.</summary>
    private readonly struct RequiredNames
    {
        private const int LinearSearchLimit = 8;

        private readonly IReadOnlyList<PromptValue> _names;
        private readonly HashSet<string>? _set;

        private RequiredNames(IReadOnlyList<PromptValue> names, HashSet<string>? set)
        {
            _names = names;
            _set = set;
        }

        public static RequiredNames Of(PromptValue? required)
        {
            if (required is not { Kind: PromptValueKind.Array }) return new RequiredNames(Array.Empty<PromptValue>(), null);
            if (required.Items.Count <= LinearSearchLimit) return new RequiredNames(required.Items, null);
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in required.Items)
            {
                if (name.Kind == PromptValueKind.String) set.Add(name.AsString);
            }

            return new RequiredNames(required.Items, set);
        }

        public bool Contains(string name)
        {
            if (_set is not null) return _set.Contains(name);
            foreach (var item in _names)
            {
                if (item.Kind == PromptValueKind.String && string.Equals(item.AsString, name, StringComparison.Ordinal)) return true;
            }

            return false;
        }
    }

    private static SchemaKind KindOfTypeName(string type) => type switch
    {
        "string" => SchemaKind.String,
        "integer" => SchemaKind.Integer,
        "number" => SchemaKind.Number,
        "boolean" => SchemaKind.Boolean,
        "array" => SchemaKind.Array,
        "object" => SchemaKind.Map,
        _ => SchemaKind.Any,
    };

    private SchemaNode Unmappable(SchemaNode node, string pointer, SourceSpan? span, string construct)
    {
        Report(pointer, pointer, construct);
        return node with { Pointer = pointer, Span = span ?? node.Span, NoCSharpType = construct };
    }

    /// <summary>PG0105 at the construct (its keyword when the file records it, else the nearest schema written).</summary>
    private void Report(string exactPointer, string nodePointer, string construct)
    {
        if (_diagnostics is null) return;
        var span = ExactSpanOf(exactPointer) ?? SpanOf(nodePointer);
        if (span is null) return;
        var at = nodePointer.Length > 0 ? " at " + nodePointer : string.Empty;
        var diagnostic = new PromptDiagnostic(DiagnosticDescriptors.SchemaHasNoCSharpType, _path, span.Value,
            $"{_label}{at}: {construct} has no faithful C# type; the value will be a System.Text.Json.JsonElement.");
        if (!_diagnostics.Contains(diagnostic)) _diagnostics.Add(diagnostic);
    }

    private SourceSpan? ExactSpanOf(string pointer) =>
        _conversion is not null && _conversion.Spans.TryGetValue(pointer, out var span) ? span : null;

    private SourceSpan? SpanOf(string pointer) =>
        _conversion is not null && _conversion.TryGetSpan(pointer, out var span) ? span : _fallbackSpan;
}
