namespace PromptGen;

/// <summary>The JSON kind a model output (or part of it) must have.</summary>
public enum OutputShapeKind
{
    /// <summary>Any JSON value; written through unchanged.</summary>
    Any,
    String,
    Integer,
    Number,
    Boolean,
    /// <summary>A string restricted to fixed wire names.</summary>
    Enum,
    Array,
    /// <summary>An object with declared properties.</summary>
    Object,
    /// <summary>An object used as a dictionary from string keys to one value shape.</summary>
    Map,
}
