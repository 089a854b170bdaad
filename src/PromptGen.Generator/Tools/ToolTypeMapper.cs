using Microsoft.CodeAnalysis;
using PromptGen.Generator.Models;

namespace PromptGen.Generator.Tools;

/// <summary>
/// The JSON mapping of tool parameter and return types. Parameters take the types an array of the element can be
/// passed as (<c>T[]</c>, <c>IReadOnlyList&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>, ...); return values may be any
/// sequence. Null when the type has no mapping (PG0603, PG0604).
/// </summary>
internal static class ToolTypeMapper
{
    private static readonly string[] s_arrayInterfaces =
    {
        "System.Collections.Generic.IEnumerable<T>",
        "System.Collections.Generic.IReadOnlyList<T>",
        "System.Collections.Generic.IReadOnlyCollection<T>",
        "System.Collections.Generic.IList<T>",
        "System.Collections.Generic.ICollection<T>",
    };

    public static ToolTypeModel? Map(ITypeSymbol type, bool forParameter, int depth = 0)
    {
        if (depth > 4) return null;
        var nullable = type.NullableAnnotation == NullableAnnotation.Annotated;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
        {
            type = wrapper.TypeArguments[0];
            nullable = true;
        }

        var name = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        ToolTypeModel Simple(ToolTypeKind kind) => new(kind, name, nullable, EquatableArray<string>.Empty, null);

        switch (type.SpecialType)
        {
            case SpecialType.System_String: return Simple(ToolTypeKind.String);
            case SpecialType.System_Boolean: return Simple(ToolTypeKind.Boolean);
            case SpecialType.System_Int32: return Simple(ToolTypeKind.Int32);
            case SpecialType.System_Int64: return Simple(ToolTypeKind.Int64);
            case SpecialType.System_Double: return Simple(ToolTypeKind.Double);
            case SpecialType.System_Single: return Simple(ToolTypeKind.Single);
            case SpecialType.System_Decimal: return Simple(ToolTypeKind.Decimal);
            case SpecialType.System_DateTime: return Simple(ToolTypeKind.DateTime);
        }

        switch (type.ToDisplayString())
        {
            case "System.Guid": return Simple(ToolTypeKind.Guid);
            case "System.DateTimeOffset": return Simple(ToolTypeKind.DateTimeOffset);
            case "System.Text.Json.JsonElement": return Simple(ToolTypeKind.Json);
        }

        if (type.TypeKind == Microsoft.CodeAnalysis.TypeKind.Enum)
        {
            var members = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst).Select(f => f.Name).ToEquatableArray();
            return new ToolTypeModel(ToolTypeKind.Enum, name, nullable, members, null);
        }

        var element = ElementOf(type, forParameter);
        if (element is null) return null;
        var mapped = Map(element, forParameter, depth + 1);
        return mapped is null ? null : new ToolTypeModel(ToolTypeKind.Array, name, nullable, EquatableArray<string>.Empty, mapped);
    }

    private static ITypeSymbol? ElementOf(ITypeSymbol type, bool forParameter)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array) return array.ElementType;
        if (type is not INamedTypeSymbol named) return null;
        if (named.IsGenericType && s_arrayInterfaces.Contains(named.ConstructedFrom.ToDisplayString())) return named.TypeArguments[0];
        if (forParameter) return null;
        // A return value can be any sequence (List<T>, ImmutableArray<T>, ...): it is only enumerated.
        return named.AllInterfaces.FirstOrDefault(i => i.ConstructedFrom.ToDisplayString() == "System.Collections.Generic.IEnumerable<T>")?.TypeArguments[0];
    }
}
