namespace PromptGen.Generator.Models;

/// <summary>The shape of a C# type that a JSON Schema maps to.</summary>
internal enum TypeKind
{
    String,
    Int64,
    Int32,
    Double,
    Boolean,

    /// <summary><c>System.Text.Json.JsonElement</c>: the fallback for what has no faithful C# type.</summary>
    Json,

    /// <summary><c>IReadOnlyList&lt;T&gt;</c>.</summary>
    List,

    /// <summary><c>IReadOnlyDictionary&lt;string, T&gt;</c>.</summary>
    Map,

    /// <summary>A generated nested record.</summary>
    Record,

    /// <summary>A generated nested enum.</summary>
    Enum,
}

/// <summary>A reference to a C# type, as plain values. <see cref="Name"/> names generated records and enums.</summary>
internal sealed record TypeRef(TypeKind Kind, bool IsNullable = false, string? Name = null, TypeRef? Element = null)
{
    public static readonly TypeRef String = new(TypeKind.String);
    public static readonly TypeRef Int64 = new(TypeKind.Int64);
    public static readonly TypeRef Int32 = new(TypeKind.Int32);
    public static readonly TypeRef Double = new(TypeKind.Double);
    public static readonly TypeRef Boolean = new(TypeKind.Boolean);
    public static readonly TypeRef Json = new(TypeKind.Json);

    public static TypeRef ListOf(TypeRef element) => new(TypeKind.List, Element: element);

    public static TypeRef MapOf(TypeRef element) => new(TypeKind.Map, Element: element);

    public static TypeRef Record(string name) => new(TypeKind.Record, Name: name);

    public static TypeRef Enum(string name) => new(TypeKind.Enum, Name: name);

    public bool IsValueType => Kind is TypeKind.Int64 or TypeKind.Int32 or TypeKind.Double or TypeKind.Boolean or TypeKind.Json or TypeKind.Enum;

    public TypeRef AsNullable() => IsNullable ? this : this with { IsNullable = true };

    public TypeRef AsNonNullable() => IsNullable ? this with { IsNullable = false } : this;
}

/// <summary>A property of a generated record.</summary>
/// <param name="WireName">The JSON property name.</param>
/// <param name="PropertyName">The C# property name (PascalCase, escaped).</param>
/// <param name="ParameterName">The camelCase parameter name for generated method signatures (escaped).</param>
/// <param name="Type">The C# type; nullable when the property is optional or the schema allows null.</param>
/// <param name="IsRequired">Listed in the schema's <c>required</c>; optional properties default to null.</param>
/// <param name="Description">The schema's <c>description</c>, written as XML documentation.</param>
/// <param name="Default">The <c>input.default</c> value of an input field; null when it has none.</param>
internal sealed record PropertyModel(string WireName, string PropertyName, string ParameterName, TypeRef Type, bool IsRequired, string? Description,
    DefaultValueModel? Default = null);

/// <summary>An input field's <c>input.default</c>, as plain values.</summary>
/// <param name="Json">The default as compact JSON (what the run-time renderer uses).</param>
/// <param name="Constant">
/// The same value as a C# constant expression of the property's type (string, number, bool, enum member), usable as
/// a parameter default; null when C# has no constant for it (lists, maps, records, JSON values).
/// </param>
internal sealed record DefaultValueModel(string Json, string? Constant);

/// <summary>A generated <c>sealed partial record</c>.</summary>
internal sealed record RecordModel(string Name, string? Description, EquatableArray<PropertyModel> Properties);

/// <summary>An enum member and the wire value it stands for.</summary>
internal sealed record EnumMemberModel(string WireName, string MemberName);

/// <summary>A generated enum; wire names are mapped by generated code, not by attributes.</summary>
internal sealed record EnumModel(string Name, string? Description, EquatableArray<EnumMemberModel> Members);
