namespace PromptGen.Language.Semantics;

/// <summary>What a schema node says about the values it describes, as every reader of a prompt needs it.</summary>
public enum SchemaKind
{
    /// <summary>No static knowledge: <c>any</c>, unions, <c>$ref</c>, boolean schemas. Nothing is checked below it.</summary>
    Any,
    String,
    Number,
    Integer,
    Boolean,

    /// <summary>Only <c>null</c> is allowed.</summary>
    Null,

    /// <summary>An object with declared properties (a generated record).</summary>
    Object,

    /// <summary>An object whose keys are free: <c>additionalProperties</c> only, Picoschema <c>(*)</c> (a dictionary).</summary>
    Map,

    /// <summary>A list: <c>items</c> is the element schema.</summary>
    Array,
}
