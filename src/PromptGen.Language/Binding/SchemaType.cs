using System;
using System.Collections.Generic;
using PromptGen.Language.Values;

namespace PromptGen.Language.Binding;

/// <summary>What the binder knows about a value's type, read from JSON Schema.</summary>
public enum SchemaTypeKind
{
    /// <summary>No static knowledge (<c>any</c>, unions, <c>$ref</c>, data variables): nothing is checked below it.</summary>
    Any,
    String,
    Number,
    Integer,
    Boolean,
    Null,

    /// <summary>An object with declared properties.</summary>
    Object,

    /// <summary>An object whose keys are free (<c>additionalProperties</c> schema, Picoschema <c>(*)</c>).</summary>
    Map,
    Array,
}

/// <summary>A JSON Schema reduced to what type checking a template needs.</summary>
public sealed class SchemaType
{
    private const int MaxDepth = 64;

    public static readonly SchemaType Any = new(SchemaTypeKind.Any, true);

    private SchemaType(SchemaTypeKind kind, bool nullable)
    {
        Kind = kind;
        IsNullable = nullable;
    }

    public SchemaTypeKind Kind { get; }

    /// <summary>True when the value may be null or absent (optional or <c>type: [..., "null"]</c>).</summary>
    public bool IsNullable { get; private set; }

    /// <summary>Declared properties of an object, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, SchemaType>> Properties { get; private set; } = Array.Empty<KeyValuePair<string, SchemaType>>();

    /// <summary>The item type of an array, the value type of a map.</summary>
    public SchemaType? Element { get; private set; }

    public bool IsScalar => Kind is SchemaTypeKind.String or SchemaTypeKind.Number or SchemaTypeKind.Integer or SchemaTypeKind.Boolean or SchemaTypeKind.Null;

    public SchemaType? FindProperty(string name)
    {
        foreach (var property in Properties)
        {
            if (property.Key == name) return property.Value;
        }

        return null;
    }

    /// <summary>A short name for messages: <c>string</c>, <c>list of number</c>, <c>object</c>.</summary>
    public string Describe() => Kind switch
    {
        SchemaTypeKind.Array => "list" + (Element is { Kind: not SchemaTypeKind.Any } e ? " of " + e.Describe() : string.Empty),
        SchemaTypeKind.Map => "map",
        SchemaTypeKind.Any => "any",
        var kind => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Reads a JSON Schema (Picoschema already converted). Anything it cannot follow becomes <see cref="Any"/>.</summary>
    public static SchemaType FromSchema(PromptValue? schema) => Read(schema, 0, nullable: false);

    private static SchemaType Read(PromptValue? schema, int depth, bool nullable)
    {
        if (schema is null || schema.Kind != PromptValueKind.Object || depth > MaxDepth) return Any;
        if (schema["$ref"] is not null || schema["anyOf"] is not null || schema["oneOf"] is not null || schema["allOf"] is not null) return Any;
        var typeValue = schema["type"];
        string? typeName = null;
        if (typeValue is { Kind: PromptValueKind.String } single)
        {
            typeName = single.AsString;
        }
        else if (typeValue is { Kind: PromptValueKind.Array } union)
        {
            foreach (var item in union.Items)
            {
                if (item.Kind != PromptValueKind.String) return Any;
                if (item.AsString == "null") nullable = true;
                else if (typeName is null) typeName = item.AsString;
                else return Any;
            }

            typeName ??= "null";
        }
        else if (schema["properties"] is { Kind: PromptValueKind.Object })
        {
            typeName = "object";
        }
        else if (schema["enum"] is { Kind: PromptValueKind.Array } values)
        {
            var allStrings = true;
            foreach (var value in values.Items)
            {
                if (value.Kind == PromptValueKind.Null) nullable = true;
                else if (value.Kind != PromptValueKind.String) allStrings = false;
            }

            return allStrings ? new SchemaType(SchemaTypeKind.String, nullable) : Any;
        }

        switch (typeName)
        {
            case "string": return new SchemaType(SchemaTypeKind.String, nullable);
            case "number": return new SchemaType(SchemaTypeKind.Number, nullable);
            case "integer": return new SchemaType(SchemaTypeKind.Integer, nullable);
            case "boolean": return new SchemaType(SchemaTypeKind.Boolean, nullable);
            case "null": return new SchemaType(SchemaTypeKind.Null, true);
            case "array":
                return new SchemaType(SchemaTypeKind.Array, nullable) { Element = schema["items"] is { } items ? Read(items, depth + 1, false) : Any };
            case "object":
                return ReadObject(schema, depth, nullable);
            default:
                return Any;
        }
    }

    private static SchemaType ReadObject(PromptValue schema, int depth, bool nullable)
    {
        var additional = schema["additionalProperties"];
        if (schema["properties"] is { Kind: PromptValueKind.Object } properties && properties.Properties.Count > 0)
        {
            // Declared properties plus free keys: the free keys make any name legal, so nothing can be checked.
            if (additional is { Kind: PromptValueKind.Object } || additional is { Kind: PromptValueKind.Boolean, AsBoolean: true }) return Any;
            var required = new HashSet<string>(StringComparer.Ordinal);
            if (schema["required"] is { Kind: PromptValueKind.Array } names)
            {
                foreach (var name in names.Items)
                {
                    if (name.Kind == PromptValueKind.String) required.Add(name.AsString);
                }
            }

            var list = new List<KeyValuePair<string, SchemaType>>();
            foreach (var property in properties.Properties)
            {
                list.Add(new KeyValuePair<string, SchemaType>(property.Key, Read(property.Value, depth + 1, !required.Contains(property.Key))));
            }

            return new SchemaType(SchemaTypeKind.Object, nullable) { Properties = list };
        }

        if (additional is { Kind: PromptValueKind.Object } valueSchema)
        {
            return new SchemaType(SchemaTypeKind.Map, nullable) { Element = Read(valueSchema, depth + 1, false) };
        }

        // An object without declared properties: any key may be there.
        return new SchemaType(SchemaTypeKind.Map, nullable) { Element = Any };
    }

    /// <summary>An object type made of the given properties (a partial's context extended with hash arguments).</summary>
    internal static SchemaType ObjectOf(IReadOnlyList<KeyValuePair<string, SchemaType>> properties) =>
        new(SchemaTypeKind.Object, false) { Properties = properties };
}
