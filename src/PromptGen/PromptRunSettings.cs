namespace PromptGen;

/// <summary>How <see cref="PromptRunner"/> runs a prompt.</summary>
public sealed class PromptRunSettings
{
    public static PromptRunSettings Default { get; } = new();

    /// <summary>
    /// When the output cannot be parsed, ask the model once more, naming the parse error. Off by default so that
    /// evals at temperature 0 see the first answer.
    /// </summary>
    public bool ReaskOnParseFailure { get; init; }
}
