using PromptGen.Generator.Models;
using PromptGen.Language.Naming;
using PromptGen.Language.Semantics;
using PromptGen.Language.Text;
using PromptGen.Language.Diagnostics;

namespace PromptGen.Generator.Mapping;

/// <summary>
/// Projects one prompt's normalized schemas (<see cref="SchemaNode"/>, from the language core) onto C# types: objects
/// become nested records, string enums become enums, lists and maps become <c>IReadOnlyList</c>/<c>IReadOnlyDictionary</c>,
/// and what has no faithful C# type (<see cref="SchemaNode.NoCSharpType"/>, already reported as PG0105) becomes
/// <c>JsonElement</c>. Only C# naming is decided here (PG0302 when a wire name is adjusted).
/// </summary>
internal sealed class SchemaTypeMapper
{
    /// <summary>Names a generated nested type may not take: members of the prompt class and codec method keys.</summary>
    private static readonly HashSet<string> s_reservedTypeNames = new(StringComparer.Ordinal)
    {
        "Input", "Output", "JsonCodec", "Render", "CreateOptions", "Parse", "TryParse", "RunAsync", "OutputJsonSchema", "Descriptor", "CreateDescriptor",
        "String", "Int64", "Int32", "Double", "Boolean", "Json", "Object", "Task", "JsonElement",
    };

    /// <summary>Members every record has; a property with one of these names would clash.</summary>
    private static readonly HashSet<string> s_recordMemberNames = new(StringComparer.Ordinal)
    {
        "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize",
    };

    /// <summary>Parameter names the generated extension method already uses.</summary>
    private static readonly HashSet<string> s_reservedParameterNames = new(StringComparer.Ordinal) { "client", "options", "cancellationToken", "input" };

    private readonly string _path;
    private readonly bool _useInt32;
    private readonly UniqueNameSet _typeNames;
    private readonly List<RecordModel> _records = new();
    private readonly List<EnumModel> _enums = new();
    private readonly List<DiagnosticInfo> _diagnostics;
    private bool _outputNameFree;

    public SchemaTypeMapper(string path, string className, bool useInt32, List<DiagnosticInfo> diagnostics)
    {
        _path = path;
        _useInt32 = useInt32;
        _diagnostics = diagnostics;
        _typeNames = new UniqueNameSet(s_reservedTypeNames, IdentifierNames.Unescape(className));
    }

    public IReadOnlyList<RecordModel> Records => _records;

    public IReadOnlyList<EnumModel> Enums => _enums;

    /// <summary>The <c>Input</c> record: one property per field of an object input schema; empty otherwise.</summary>
    public RecordModel MapInput(SchemaNode? input)
    {
        if (input is not { Kind: SchemaKind.Object }) return new RecordModel("Input", input?.Description, EquatableArray<PropertyModel>.Empty);
        return BuildRecord("Input", input, "input.schema");
    }

    /// <summary>The output type: the <c>Output</c> record for an object schema, otherwise the mapped type.</summary>
    public TypeRef MapOutput(SchemaNode output)
    {
        if (output.Kind == SchemaKind.Object && !output.IsNullable && output.NoCSharpType is null)
        {
            _records.Insert(0, BuildRecord("Output", output, "output.schema"));
            return TypeRef.Record("Output");
        }

        // No Output record: a top-level enum (or nullable object) may take the name Output itself.
        _outputNameFree = true;
        return Map(output, "Output", "output.schema");
    }

    private TypeRef Map(SchemaNode node, string suggestedName, string schemaPath)
    {
        TypeRef mapped;
        if (node.NoCSharpType is not null) mapped = TypeRef.Json;
        else if (node.IsStringEnum) mapped = MapEnum(node, suggestedName, schemaPath);
        else
        {
            mapped = node.Kind switch
            {
                SchemaKind.String => TypeRef.String,
                SchemaKind.Integer => _useInt32 ? TypeRef.Int32 : TypeRef.Int64,
                SchemaKind.Number => TypeRef.Double,
                SchemaKind.Boolean => TypeRef.Boolean,
                SchemaKind.Array => TypeRef.ListOf(Map(node.Items ?? SchemaNode.Any, suggestedName + "Item", schemaPath + ".items")),
                SchemaKind.Object => TypeRef.Record(BuildNamedRecord(node, suggestedName, schemaPath)),
                SchemaKind.Map => TypeRef.MapOf(Map(node.AdditionalProperties ?? SchemaNode.Any, suggestedName + "Value", schemaPath + ".additionalProperties")),
                _ => TypeRef.Json,
            };
        }

        // A JsonElement holds a JSON null itself: only a schema that names "null" makes it nullable in C#.
        var nullable = mapped.Kind == TypeKind.Json ? node.DeclaredTypes.Contains("null") : node.IsNullable;
        return nullable ? mapped.AsNullable() : mapped;
    }

    private string BuildNamedRecord(SchemaNode node, string suggestedName, string schemaPath)
    {
        var name = ClaimTypeName(suggestedName);
        _records.Add(BuildRecord(name, node, schemaPath));
        return name;
    }

    private RecordModel BuildRecord(string name, SchemaNode node, string schemaPath)
    {
        var propertyNames = new UniqueNameSet(s_recordMemberNames, name);
        var parameterNames = new UniqueNameSet(s_reservedParameterNames);
        var properties = new List<PropertyModel>();
        foreach (var property in node.Properties)
        {
            var pascal = IdentifierNames.ToPascalCase(property.Name, out var adjusted);
            if (adjusted)
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NameAdjusted,
                    Locate(property.KeySpan ?? property.Type.Span ?? node.Span),
                    $"Property '{property.Name}' of {schemaPath} is not a valid C# identifier; the property is named '{pascal}'"));
            }

            var propertyName = propertyNames.Contains(pascal) ? propertyNames.Claim(pascal + "Value") : propertyNames.Claim(pascal);
            var camel = IdentifierNames.ToCamelCase(property.Name);
            var parameterName = parameterNames.Contains(camel) ? parameterNames.Claim(camel + "Value") : parameterNames.Claim(camel);
            var type = Map(property.Type, propertyName, schemaPath + ".properties." + property.Name);
            if (!property.IsRequired) type = type.AsNullable();
            properties.Add(new PropertyModel(
                property.Name,
                IdentifierNames.Escape(propertyName),
                IdentifierNames.Escape(parameterName),
                type,
                property.IsRequired,
                property.Type.Description));
        }

        return new RecordModel(name, node.Description, properties.ToEquatableArray());
    }

    private TypeRef MapEnum(SchemaNode node, string suggestedName, string schemaPath)
    {
        var name = ClaimTypeName(suggestedName);
        var memberNames = new UniqueNameSet();
        var wireNames = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<EnumMemberModel>();
        foreach (var value in node.EnumValues)
        {
            if (value.IsNull) continue;
            var wire = value.AsString;
            if (!wireNames.Add(wire)) continue;
            var pascal = IdentifierNames.ToPascalCase(wire, out var adjusted);
            var member = memberNames.Claim(pascal);
            if (adjusted || member != pascal)
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NameAdjusted,
                    Locate(node.Span),
                    $"Enum value '{wire}' of {schemaPath} is not a distinct C# identifier; the member is named '{member}'"));
            }

            members.Add(new EnumMemberModel(wire, member));
        }

        _enums.Add(new EnumModel(name, node.Description, members.ToEquatableArray()));
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

    private LocationInfo Locate(SourceSpan? span) => span is { } value ? LocationInfo.FromSpan(_path, value) : LocationInfo.FileStart(_path);
}
