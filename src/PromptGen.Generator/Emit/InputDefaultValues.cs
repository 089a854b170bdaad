using PromptGen.Generator.Models;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Emit;

/// <summary>
/// Turns the frontmatter's <c>input.default</c> into defaults on the <c>Input</c> record's fields: a C# constant where
/// C# has one (string, number, bool, enum member), otherwise the JSON the generated code reads once.
/// </summary>
internal static class InputDefaultValues
{
    /// <summary>
    /// The input record with each defaulted field's <see cref="PropertyModel.Default"/> set. A field whose default has
    /// no C# constant becomes nullable (its parameter is <c>= null</c> and the default replaces null). A default that
    /// does not fit the field's type is left out: PG0401 reports it.
    /// </summary>
    public static RecordModel Attach(RecordModel input, PromptValue? defaults, IReadOnlyList<EnumModel> enums, string containingClass)
    {
        if (defaults is not { Kind: PromptValueKind.Object } || input.Properties.Count == 0) return input;
        var properties = input.Properties.Select(property =>
        {
            if (defaults[property.WireName] is not { IsNull: false } value) return property;
            var type = property.Type.AsNonNullable();
            var constant = Constant(type, value, enums, containingClass);
            if (constant is null && HasConstants(type)) return property;
            var withDefault = property with { Default = new DefaultValueModel(PromptJson.Serialize(value), constant) };
            return constant is null ? withDefault with { Type = property.Type.AsNullable() } : withDefault;
        });
        return input with { Properties = properties.ToEquatableArray() };
    }

    /// <summary>The text an XML doc shows for a default: a string as is, anything else as JSON.</summary>
    public static string Display(DefaultValueModel value)
    {
        var parsed = PromptJson.Parse(value.Json);
        return parsed.Kind == PromptValueKind.String ? parsed.AsString : value.Json;
    }

    private static bool HasConstants(TypeRef type) =>
        type.Kind is TypeKind.String or TypeKind.Int64 or TypeKind.Int32 or TypeKind.Double or TypeKind.Boolean or TypeKind.Enum;

    private static string? Constant(TypeRef type, PromptValue value, IReadOnlyList<EnumModel> enums, string containingClass)
    {
        switch (type.Kind)
        {
            case TypeKind.String when value.Kind == PromptValueKind.String:
                return CSharpLiterals.String(value.AsString);
            case TypeKind.Boolean when value.Kind == PromptValueKind.Boolean:
                return value.AsBoolean ? "true" : "false";
            case TypeKind.Double when value.Kind == PromptValueKind.Number && !double.IsNaN(value.AsNumber) && !double.IsInfinity(value.AsNumber):
                return CSharpLiterals.Double(value.AsNumber);
            case TypeKind.Int64 when IsWhole(value, -9223372036854775808.0, 9223372036854775808.0):
            case TypeKind.Int32 when IsWhole(value, -2147483648.0, 2147483648.0):
                return CSharpLiterals.Integer(value.AsNumber);
            case TypeKind.Enum when value.Kind == PromptValueKind.String:
                var member = enums.FirstOrDefault(e => e.Name == type.Name)?.Members.FirstOrDefault(m => m.WireName == value.AsString);
                return member is null ? null : TypeNames.Of(type, containingClass) + "." + member.MemberName;
            default:
                return null;
        }
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="maxExclusive"/>) (bounds as doubles: 2^63 is exact, long.MaxValue is not).</summary>
    private static bool IsWhole(PromptValue value, double min, double maxExclusive) =>
        value.Kind == PromptValueKind.Number && value.AsNumber == System.Math.Floor(value.AsNumber) && value.AsNumber >= min && value.AsNumber < maxExclusive;
}
