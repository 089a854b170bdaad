namespace PromptGen;

/// <summary>Options for <see cref="SchemaAlignedParser"/>.</summary>
public sealed class PromptParseOptions
{
    /// <summary>The defaults: lenient, 16 Mi characters, depth 128.</summary>
    public static PromptParseOptions Default { get; } = new();

    /// <summary>Accept only clean JSON that fits the shape; any needed repair is a failure.</summary>
    public bool Strict { get; init; }

    /// <summary>Longer outputs fail without being scanned.</summary>
    public int MaxInputLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>Deeper nesting fails (protects the stack; kept below 1000).</summary>
    public int MaxDepth { get; init; } = 128;

    /// <summary>At most this many candidate payloads are tried.</summary>
    public int MaxCandidates { get; init; } = 32;
}
