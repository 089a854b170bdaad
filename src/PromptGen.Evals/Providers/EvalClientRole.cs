namespace PromptGen.Evals.Providers;

/// <summary>What a model client is for during evals.</summary>
public enum EvalClientRole
{
    /// <summary>The prompts under test.</summary>
    App,

    /// <summary><c>llm-rubric</c> judges.</summary>
    Judge,

    /// <summary>Embeddings for the <c>similar</c> assertion.</summary>
    Embedding,
}
