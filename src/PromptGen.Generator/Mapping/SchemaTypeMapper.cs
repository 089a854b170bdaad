using System;
using System.Collections.Generic;
using System.Linq;
using PromptGen.Generator.Models;
using PromptGen.Generator.Naming;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Schemas;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Mapping;

/// <summary>
/// Maps JSON Schema (as the Picoschema converter produces it) to C# types for one prompt. Objects become nested
/// records, string enums become enums, everything without a faithful C# type becomes <c>JsonElement</c> with PG0105.
/// </summary>
internal sealed class SchemaTypeMapper
{
    /// <summary>Schemas nested deeper than this are mapped to <c>JsonElement</c> instead of recursing further.</summary>
    public const int MaxDepth = 64;

    /// <summary>Names a generated nested type may not take: members of the prompt class and codec method keys.</summary>
    private static readonly string[] s_reservedTypeNames =
    {
        "Input", "Output", "JsonCodec", "Render", "CreateOptions", "Parse", "TryParse", "RunAsync", "OutputJsonSchema", "Descriptor",
        "String", "Int64", "Int32", "Double", "Boolean", "Json", "Object", "Task", "JsonElement",
    };

    /// <summary>Members every record has; a property with one of these names would clash.</summary>
    private static readonly HashSet<string> s_recordMemberNames = new(StringComparer.Ordinal)
    {
        "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize",
    };

    /// <summary>Parameter names the generated extension method already uses.</summary>
    private static readonly string[] s_reservedParameterNames = { "client", "options", "cancellationToken", "input" };

    private readonly string _path;
    private readonly bool _useInt32;
    private readonly UniqueNameSet _typeNames;
    private readonly List<RecordModel> _records = new();
    private readonly List<EnumModel> _enums = new();
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly Dictionary<(string Section, string Pointer), LocationInfo> _locations;
    private bool _outputNameFree;

    public SchemaTypeMapper(string path, string className, bool useInt32, List<DiagnosticInfo> diagnostics, IEnumerable<SchemaLocation>? locations = null)
    {
        _path = path;
        _locations = (locations ?? Enumerable.Empty<SchemaLocation>())
            .GroupBy(l => (l.Section, l.Pointer))
            .ToDictionary(g => g.Key, g => g.First().Location);
        _useInt32 = useInt32;
        _diagnostics = diagnostics;
        _typeNames = new UniqueNameSet(s_reservedTypeNames.Concat(new[] { IdentifierNames.Unescape(className) }));
    }

    public IReadOnlyList<RecordModel> Records => _records;

    public IReadOnlyList<EnumModel> Enums => _enums;

    /// <summary>
    /// The <c>Input</c> record. A prompt without an input schema gets an empty one; a non-object input schema is
    /// reported (PG0105) and also gives an empty one, since the template can only address named fields.
    /// </summary>
    public RecordModel MapInput(PromptValue? schema, LocationInfo? location)
    {
        var where = location ?? LocationInfo.FileStart(_path);
        if (schema is null) return new RecordModel("Input", null, EquatableArray<PropertyModel>.Empty);
        if (!IsObjectWithProperties(schema))
        {
            if (!IsEmptyObjectSchema(schema))
            {
                Warn(where, "input.schema", "is not an object with properties; the Input record has no fields");
            }

            return new RecordModel("Input", Description(schema), EquatableArray<PropertyModel>.Empty);
        }

        return BuildRecord("Input", schema, "input.schema", Site("input", string.Empty, where), depth: 0);
    }

    /// <summary>The output type: the <c>Output</c> record for an object schema, otherwise the mapped type.</summary>
    public TypeRef MapOutput(PromptValue schema, LocationInfo? location)
    {
        var where = location ?? LocationInfo.FileStart(_path);
        if (IsObjectWithProperties(schema) && !AllowsNull(schema))
        {
            _records.Insert(0, BuildRecord("Output", schema, "output.schema", Site("output", string.Empty, where), depth: 0));
            return TypeRef.Record("Output");
        }

        // No Output record: a top-level enum (or nullable object) may take the name Output itself.
        _outputNameFree = true;
        return Map(schema, "Output", "output.schema", Site("output", string.Empty, where), depth: 0);
    }

    private TypeRef Map(PromptValue schema, string suggestedName, string schemaPath, SchemaSite site, int depth)
    {
        var location = site.Location;
        if (depth > MaxDepth) return Fallback(location, schemaPath, $"is nested deeper than {MaxDepth} levels");
        if (schema.Kind == PromptValueKind.Boolean)
        {
            return Fallback(location, schemaPath, "is a boolean schema");
        }

        if (schema.Kind != PromptValueKind.Object) return Fallback(location, schemaPath, "is not a schema object");

        foreach (var keyword in new[] { "anyOf", "oneOf", "allOf", "$ref", "not", "if", "const" })
        {
            // The language core reports these keywords itself (PG0105 at the keyword); 'const' it does not.
            if (schema[keyword] is not null) return Fallback(location, schemaPath, $"uses '{keyword}'", report: keyword == "const");
        }

        var types = ReadTypes(schema, out var typeIsValid);
        if (!typeIsValid) return Fallback(location, schemaPath, "has a 'type' that is not a string or a list of strings");
        var nullable = types.Contains("null");
        var nonNull = types.Where(t => t != "null").Distinct().ToList();

        TypeRef mapped;
        if (schema["enum"] is { } enumValues)
        {
            mapped = MapEnum(enumValues, suggestedName, schemaPath, location, Description(schema), ref nullable);
        }
        else if (nonNull.Count == 0)
        {
            if (types.Count > 0) mapped = Fallback(location, schemaPath, "only allows null");
            else if (schema["properties"] is not null) mapped = MapObject(schema, suggestedName, schemaPath, site, depth);
            else if (schema["items"] is not null) mapped = MapArray(schema, suggestedName, schemaPath, site, depth);
            // Picoschema `any` ({}): JsonElement is its faithful type, not a fallback.
            else mapped = Fallback(location, schemaPath, "accepts any JSON value", report: false);
        }
        else if (nonNull.Count > 1)
        {
            mapped = nonNull.Count == 2 && nonNull.Contains("integer") && nonNull.Contains("number")
                ? TypeRef.Double
                : Fallback(location, schemaPath, $"allows several types ({string.Join(", ", nonNull)})", report: false);
        }
        else
        {
            mapped = nonNull[0] switch
            {
                "string" => TypeRef.String,
                "integer" => _useInt32 ? TypeRef.Int32 : TypeRef.Int64,
                "number" => TypeRef.Double,
                "boolean" => TypeRef.Boolean,
                "array" => MapArray(schema, suggestedName, schemaPath, site, depth),
                "object" => MapObject(schema, suggestedName, schemaPath, site, depth),
                var other => Fallback(location, schemaPath, $"has unknown type '{other}'"),
            };
        }

        return nullable ? mapped.AsNullable() : mapped;
    }

    private TypeRef MapArray(PromptValue schema, string suggestedName, string schemaPath, SchemaSite site, int depth)
    {
        var location = site.Location;
        var items = schema["items"];
        if (items is null || items.Kind != PromptValueKind.Object)
        {
            return TypeRef.ListOf(Fallback(location, schemaPath + ".items", "is missing or not a single schema"));
        }

        return TypeRef.ListOf(Map(items, suggestedName + "Item", schemaPath + ".items", Child(site, "items"), depth + 1));
    }

    private TypeRef MapObject(PromptValue schema, string suggestedName, string schemaPath, SchemaSite site, int depth)
    {
        if (IsObjectWithProperties(schema))
        {
            var name = ClaimTypeName(suggestedName);
            _records.Add(BuildRecord(name, schema, schemaPath, site, depth));
            return TypeRef.Record(name);
        }

        var additional = schema["additionalProperties"];
        if (additional is not null && additional.Kind == PromptValueKind.Object && additional.Properties.Count > 0)
        {
            return TypeRef.MapOf(Map(additional, suggestedName + "Value", schemaPath + ".additionalProperties", Child(site, "additionalProperties"), depth + 1));
        }

        // An object with no declared fields: any keys, any values.
        return TypeRef.MapOf(TypeRef.Json);
    }

    private RecordModel BuildRecord(string name, PromptValue schema, string schemaPath, SchemaSite site, int depth)
    {
        var required = new HashSet<string>(
            (schema["required"]?.Items ?? Array.Empty<PromptValue>()).Where(v => v.Kind == PromptValueKind.String).Select(v => v.AsString),
            StringComparer.Ordinal);
        var propertyNames = new UniqueNameSet(s_recordMemberNames.Concat(new[] { name }));
        var parameterNames = new UniqueNameSet(s_reservedParameterNames);
        var properties = new List<PropertyModel>();
        foreach (var property in schema["properties"]!.Properties)
        {
            var propertySite = Child(Child(site, "properties"), property.Key);
            var location = propertySite.Location;
            var pascal = IdentifierNames.ToPascalCase(property.Key, out var adjusted);
            if (adjusted)
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NameAdjusted,
                    location,
                    $"Property '{property.Key}' of {schemaPath} is not a valid C# identifier; the property is named '{pascal}'"));
            }

            var propertyName = propertyNames.Contains(pascal) ? propertyNames.Claim(pascal + "Value") : propertyNames.Claim(pascal);
            var camel = IdentifierNames.ToCamelCase(property.Key);
            var parameterName = parameterNames.Contains(camel) ? parameterNames.Claim(camel + "Value") : parameterNames.Claim(camel);
            var isRequired = required.Contains(property.Key);
            var type = Map(property.Value, propertyName, schemaPath + ".properties." + property.Key, propertySite, depth + 1);
            if (!isRequired) type = type.AsNullable();
            properties.Add(new PropertyModel(
                property.Key,
                IdentifierNames.Escape(propertyName),
                IdentifierNames.Escape(parameterName),
                type,
                isRequired,
                Description(property.Value)));
        }

        return new RecordModel(name, Description(schema), properties.ToEquatableArray());
    }

    private TypeRef MapEnum(PromptValue values, string suggestedName, string schemaPath, LocationInfo location, string? description, ref bool nullable)
    {
        if (values.Kind != PromptValueKind.Array || values.Items.Count == 0)
        {
            return Fallback(location, schemaPath, "has an 'enum' that is not a non-empty list");
        }

        if (values.Items.Any(v => v.Kind is not (PromptValueKind.String or PromptValueKind.Null)))
        {
            return Fallback(location, schemaPath, "has enum values that are not strings");
        }

        if (values.Items.Any(v => v.IsNull)) nullable = true;
        var name = ClaimTypeName(suggestedName);
        var memberNames = new UniqueNameSet();
        var wireNames = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<EnumMemberModel>();
        foreach (var value in values.Items.Where(v => !v.IsNull))
        {
            var wire = value.AsString;
            if (!wireNames.Add(wire)) continue;
            var pascal = IdentifierNames.ToPascalCase(wire, out var adjusted);
            var member = memberNames.Claim(pascal);
            if (adjusted || member != pascal)
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NameAdjusted,
                    location,
                    $"Enum value '{wire}' of {schemaPath} is not a distinct C# identifier; the member is named '{member}'"));
            }

            members.Add(new EnumMemberModel(wire, member));
        }

        _enums.Add(new EnumModel(name, description, members.ToEquatableArray()));
        return TypeRef.Enum(name);
    }

    private string ClaimTypeName(string suggestedName)
    {
        var name = IdentifierNames.Unescape(suggestedName);
        if (_outputNameFree && name == "Output")
        {
            _outputNameFree = false;
            return name;
        }

        if (name.StartsWith("ListOf", StringComparison.Ordinal) || name.StartsWith("MapOf", StringComparison.Ordinal) ||
            name.StartsWith("Nullable", StringComparison.Ordinal))
        {
            name += "Type";
        }

        return _typeNames.Claim(name);
    }

    private TypeRef Fallback(LocationInfo location, string schemaPath, string reason, bool report = true)
    {
        if (!report) return TypeRef.Json;
        _diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.SchemaHasNoCSharpType,
            location,
            $"{schemaPath} {reason}; it is mapped to System.Text.Json.JsonElement"));
        return TypeRef.Json;
    }

    private SchemaSite Site(string section, string pointer, LocationInfo fallback) =>
        new(section, pointer, _locations.TryGetValue((section, pointer), out var exact) ? exact : fallback);

    /// <summary>The site of a child schema: its own span when the file records one, else its parent's.</summary>
    private SchemaSite Child(SchemaSite parent, string segment) =>
        Site(parent.Section, SchemaPointer.Append(parent.Pointer, segment), parent.Location);

    private readonly record struct SchemaSite(string Section, string Pointer, LocationInfo Location);

    private static List<string> ReadTypes(PromptValue schema, out bool valid)
    {
        valid = true;
        var type = schema["type"];
        if (type is null) return new List<string>();
        if (type.Kind == PromptValueKind.String) return new List<string> { type.AsString };
        if (type.Kind == PromptValueKind.Array && type.Items.All(t => t.Kind == PromptValueKind.String))
        {
            return type.Items.Select(t => t.AsString).ToList();
        }

        valid = false;
        return new List<string>();
    }

    private static bool IsObjectWithProperties(PromptValue schema)
    {
        if (schema.Kind != PromptValueKind.Object) return false;
        var properties = schema["properties"];
        if (properties is null || properties.Kind != PromptValueKind.Object || properties.Properties.Count == 0) return false;
        var types = ReadTypes(schema, out var valid);
        return valid && (types.Count == 0 || types.Where(t => t != "null").SequenceEqual(new[] { "object" }));
    }

    private static bool AllowsNull(PromptValue schema) => ReadTypes(schema, out _).Contains("null");

    private static bool IsEmptyObjectSchema(PromptValue schema) =>
        schema.Kind == PromptValueKind.Object && schema.Properties.All(p => p.Key is "type" or "properties" or "description" or "additionalProperties" or "required");

    private static string? Description(PromptValue schema) =>
        schema["description"] is { Kind: PromptValueKind.String } description ? description.AsString : null;

    private void Warn(LocationInfo location, string schemaPath, string reason) =>
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SchemaHasNoCSharpType, location, $"{schemaPath} {reason}"));
}
