using Microsoft.Extensions.AI;

namespace PromptGen.Evals.Assertions;

/// <summary>
/// The model-backed services some assertions need: a judge for <c>llm-rubric</c>, an embedding generator for
/// <c>similar</c>. Pass recording wrappers around them to make evals deterministic; the scorers send the same request for
/// the same assertion and output every time.
/// </summary>
public sealed class AssertionServices
{
    /// <summary>How long a <c>regex</c> assertion may run on one output unless told otherwise.</summary>
    public static readonly TimeSpan DefaultRegexTimeout = TimeSpan.FromSeconds(2);

    /// <summary>No model services; only deterministic assertions can be scored.</summary>
    public static AssertionServices None { get; } = new();

    /// <summary>
    /// How long a <c>regex</c> assertion may run on one output; past it the assertion cannot be evaluated
    /// (<see cref="AssertionEvaluationException"/>).
    /// </summary>
    public TimeSpan RegexTimeout { get; init; } = DefaultRegexTimeout;

    /// <summary>The judge model for <c>llm-rubric</c>.</summary>
    public IChatClient? Judge { get; init; }

    /// <summary>Options for judge calls (e.g. <c>ModelId</c>); temperature 0 and a JSON response format are set unless given.</summary>
    public ChatOptions? JudgeOptions { get; init; }

    /// <summary>The embedding generator for <c>similar</c>.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings { get; init; }

    /// <summary>Options for embedding calls (e.g. <c>ModelId</c>).</summary>
    public EmbeddingGenerationOptions? EmbeddingOptions { get; init; }
}
