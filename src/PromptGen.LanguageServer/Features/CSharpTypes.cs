using PromptGen.Generator.Mapping;
using PromptGen.Generator.Models;
using PromptGen.Language.Naming;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.LanguageServer.Features;

/// <summary>
/// The C# type the generator gives each node of a prompt's input schema, from the generator's own type mapper (so
/// hover shows exactly what the generated <c>Input</c> record declares).
/// </summary>
internal sealed class CSharpTypes
{
    private readonly Dictionary<SchemaNode, TypeRef> _types = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, RecordModel> _records = new();
    private readonly string _className;

    private CSharpTypes(PromptSemantics semantics, string? projectIntegerType)
    {
        var integerType = semantics.Metadata.Ext["csharp"]?["integer"] is { Kind: PromptValueKind.String } perPrompt ? perPrompt.AsString : projectIntegerType ?? "long";
        _className = PromptNames.ClassName(semantics.Name);
        var mapper = new SchemaTypeMapper(semantics.Path, _className, integerType.Trim() is "int" or "int32" or "Int32", new List<DiagnosticInfo>());
        var input = mapper.MapInput(semantics.Input);
        foreach (var record in mapper.Records) _records[record.Name] = record;
        if (semantics.Input is { } root) Pair(root, input);
    }

    public static CSharpTypes For(PromptSemantics semantics, string? projectIntegerType) => new(semantics, projectIntegerType);

    /// <summary>The C# type of a schema node of the input (null for nodes the Input record does not reach).</summary>
    public string? Of(SchemaNode node) => _types.TryGetValue(node, out var type) ? Display(type) : null;

    /// <summary>The generated property name of a field of an object node (PascalCase, as the generator decides).</summary>
    public string? PropertyName(SchemaNode owner, string wireName)
    {
        if (owner == null) return null;
        var record = _types.TryGetValue(owner, out var type) && type.Kind == TypeKind.Record && type.Name is { } name && _records.TryGetValue(name, out var found)
            ? found
            : null;
        return record?.Properties.FirstOrDefault(p => p.WireName == wireName)?.PropertyName;
    }

    private void Pair(SchemaNode node, RecordModel record)
    {
        _types[node] = TypeRef.Record(record.Name);
        _records[record.Name] = record;
        foreach (var property in node.Properties)
        {
            var model = record.Properties.FirstOrDefault(p => p.WireName == property.Name);
            if (model is not null) Pair(property.Type, model.Type);
        }
    }

    private void Pair(SchemaNode node, TypeRef type)
    {
        if (_types.ContainsKey(node)) return;
        _types[node] = type;
        switch (type.Kind)
        {
            case TypeKind.Record when type.Name is { } name && _records.TryGetValue(name, out var record):
                foreach (var property in node.Properties)
                {
                    var model = record.Properties.FirstOrDefault(p => p.WireName == property.Name);
                    if (model is not null) Pair(property.Type, model.Type);
                }

                break;
            case TypeKind.List when type.Element is { } element && node.Items is { } items:
                Pair(items, element);
                break;
            case TypeKind.Map when type.Element is { } value && node.AdditionalProperties is { } additional:
                Pair(additional, value);
                break;
        }
    }

    private string Display(TypeRef type)
    {
        var text = type.Kind switch
        {
            TypeKind.String => "string",
            TypeKind.Int64 => "long",
            TypeKind.Int32 => "int",
            TypeKind.Double => "double",
            TypeKind.Boolean => "bool",
            TypeKind.Json => "JsonElement",
            TypeKind.List => $"IReadOnlyList<{(type.Element is null ? "JsonElement" : Display(type.Element))}>",
            TypeKind.Map => $"IReadOnlyDictionary<string, {(type.Element is null ? "JsonElement" : Display(type.Element))}>",
            _ => _className + "." + type.Name,
        };
        return type.IsNullable ? text + "?" : text;
    }
}
