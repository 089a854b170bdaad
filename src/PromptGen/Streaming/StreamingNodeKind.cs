namespace PromptGen.Streaming;

/// <summary>The JSON kind of a <see cref="StreamingNode"/>.</summary>
public enum StreamingNodeKind
{
    /// <summary>An object; its properties arrive in order.</summary>
    Object,

    /// <summary>An array; its items arrive in order.</summary>
    Array,

    /// <summary>A string; its text grows until the closing quote.</summary>
    String,

    /// <summary>A number, present only once complete.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>, present only once complete.</summary>
    Boolean,

    /// <summary><c>null</c>, present only once complete.</summary>
    Null,
}
