using Microsoft.Extensions.AI;

namespace PromptGen.Evals.Providers;

/// <summary>An embedding generator whose calls go through an <see cref="EvalCallPolicy"/>.</summary>
public sealed class ResilientEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, EvalCallPolicy policy)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(innerGenerator)
{
    private readonly EvalCallPolicy _policy = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <inheritdoc />
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values as IList<string> ?? values.ToList();
        return _policy.ExecuteAsync(
            token => base.GenerateAsync(inputs, options, token),
            embeddings => embeddings.Usage,
            cancellationToken);
    }
}
