using PromptGen.Language.Collections;
using PromptGen.Language.Text;
using PromptGen.Language.Values;

namespace PromptGen.Language.Semantics;

/// <summary>
/// One node of a prompt's input or output schema, normalized: built once from JSON Schema (Picoschema already
/// converted) by <see cref="SchemaReader"/>, then read by the template binder, the C# type mapper, the value
/// validator (defaults, eval inputs, <c>schema-valid</c>), the eval path checks and the output shape. Value-equatable,
/// so the generator can cache what depends on it.
/// </summary>
public sealed record SchemaNode
{
    /// <summary>A node that says nothing: any value fits, nothing below it is checked.</summary>
    public static readonly SchemaNode Any = new() { Kind = SchemaKind.Any, IsNullable = true };

    public SchemaKind Kind { get; init; }

    /// <summary>True when <c>null</c> is a valid value (<c>type: [x, "null"]</c>, a <c>null</c> enum value, <c>any</c>).</summary>
    public bool IsNullable { get; init; }

    /// <summary>
    /// True when the schema is <c>anyOf</c>/<c>oneOf</c> of this node and a branch that only allows null: null is valid
    /// whatever the rest of the node says.
    /// </summary>
    public bool NullableByBranch { get; init; }

    /// <summary>The JSON Schema type names as declared (empty when the schema has no <c>type</c>): what values must match.</summary>
    public EquatableArray<string> DeclaredTypes { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Declared properties of an object, in declaration order.</summary>
    public EquatableArray<SchemaProperty> Properties { get; init; } = EquatableArray<SchemaProperty>.Empty;

    /// <summary>The schema of keys not in <see cref="Properties"/>: a map's value type, or extra keys of an object.</summary>
    public SchemaNode? AdditionalProperties { get; init; }

    /// <summary>False when the schema says <c>additionalProperties: false</c>: undeclared keys are errors.</summary>
    public bool AllowsUndeclaredProperties { get; init; } = true;

    /// <summary>The element schema of an array.</summary>
    public SchemaNode? Items { get; init; }

    /// <summary>The allowed values (<c>enum</c>), or empty.</summary>
    public EquatableArray<PromptValue> EnumValues { get; init; } = EquatableArray<PromptValue>.Empty;

    /// <summary>True when <see cref="EnumValues"/> are strings (and maybe <c>null</c>): a C# enum.</summary>
    public bool IsStringEnum { get; init; }

    /// <summary>The only allowed value (<c>const</c>), or null.</summary>
    public PromptValue? Const { get; init; }

    /// <summary><c>false</c> for the boolean schema <c>false</c> (no value allowed).</summary>
    public bool AllowsAnyValue { get; init; } = true;

    public string? Description { get; init; }

    /// <summary>JSON Pointer of this node in its schema (<c>""</c> for the root, <c>/properties/tags/items</c>, ...).</summary>
    public string Pointer { get; init; } = string.Empty;

    /// <summary>Where the node is written in the <c>.prompt</c> file (its own span, or its nearest ancestor's).</summary>
    public SourceSpan? Span { get; init; }

    /// <summary>
    /// Why generated C# has no faithful type for this node (it becomes <c>JsonElement</c>), or null. <see cref="SchemaReader"/>
    /// reports PG0105 for it where that is news to the user (<c>any</c> is <c>JsonElement</c> by design and is not reported).
    /// </summary>
    public string? NoCSharpType { get; init; }

    /// <summary>True for the scalar kinds (string, numbers, boolean, null).</summary>
    public bool IsScalar => Kind is SchemaKind.String or SchemaKind.Number or SchemaKind.Integer or SchemaKind.Boolean or SchemaKind.Null;

    /// <summary>The declared property named <paramref name="name"/>, or null.</summary>
    public SchemaProperty? FindProperty(string name)
    {
        foreach (var property in Properties)
        {
            if (property.Name == name) return property;
        }

        return null;
    }

    /// <summary>A short name for messages: <c>string</c>, <c>list of number</c>, <c>object</c>, <c>map</c>.</summary>
    public string Describe() => Kind switch
    {
        SchemaKind.Array => "list" + (Items is { Kind: not SchemaKind.Any } items ? " of " + items.Describe() : string.Empty),
        SchemaKind.Map => "map",
        SchemaKind.Any => "any",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>A declared property of an object schema.</summary>
/// <param name="Name">The wire name.</param>
/// <param name="Type">The property's schema.</param>
/// <param name="IsRequired">Listed in the object's <c>required</c>.</param>
/// <param name="Default">The <c>input.default</c> value of a top-level input field, or null.</param>
/// <param name="KeySpan">Where the property is declared in the <c>.prompt</c> file (its key), when known.</param>
public sealed record SchemaProperty(string Name, SchemaNode Type, bool IsRequired, PromptValue? Default, SourceSpan? KeySpan);
