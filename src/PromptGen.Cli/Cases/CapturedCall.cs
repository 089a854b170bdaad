using PromptGen.Language.Values;

namespace PromptGen.Cli.Cases;

/// <summary>One captured call of a prompt, read from a capture file, with the worst verdict given on it.</summary>
internal sealed record CapturedCall(
    string File,
    int Line,
    string CallId,
    string Prompt,
    string Version,
    bool Ok,
    PromptValue Input,
    string? Output,
    PromptValue? Value,
    string? Model,
    long? InputTokens,
    long? OutputTokens,
    long? TotalTokens,
    string Time)
{
    /// <summary>The lowest feedback score recorded for the call; null without feedback.</summary>
    public double? Score { get; init; }

    /// <summary>The comment that came with <see cref="Score"/>.</summary>
    public string? Comment { get; init; }

    /// <summary>Below 0.5: a user said the answer was bad.</summary>
    public bool IsNegative => Score is < 0.5;
}
