using Microsoft.Extensions.AI;
using PromptGen.Evals.Recording;

namespace PromptGen.Evals.Assertions;

/// <summary><c>similar</c>: cosine similarity of the embeddings of the reference text and the output, from one call.</summary>
public static class EmbeddingSimilarity
{
    /// <summary>Cosine similarity in [-1, 1]; 0 when either vector is all zeros; throws when the lengths differ.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Embeddings of different lengths ({a.Length} and {b.Length}).");
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            normA += (double)a[i] * a[i];
            normB += (double)b[i] * b[i];
        }

        if (normA == 0 || normB == 0) return 0;
        return Math.Max(-1, Math.Min(1, dot / (Math.Sqrt(normA) * Math.Sqrt(normB))));
    }

    /// <summary>Embeds <c>[reference, output]</c> in that order and returns their similarity; throws <see cref="AssertionServiceException"/> on failure.</summary>
    public static async Task<double> ComputeAsync(
        IEmbeddingGenerator<string, Embedding<float>> generator, string reference, string output, EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
    {
        GeneratedEmbeddings<Embedding<float>> embeddings;
        try
        {
            embeddings = await generator.GenerateAsync(new[] { reference, output }, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when ((exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested) && exception is not RecordingMissingException)
        {
            // A missing recording stays itself (PG1003, with its own message); every other failure is a service error.
            throw new AssertionServiceException($"The embedding call for 'similar' failed: {exception.Message}", exception);
        }

        if (embeddings.Count != 2) throw new AssertionServiceException($"The embedding generator returned {embeddings.Count} embeddings for 2 texts.");
        try
        {
            return Cosine(embeddings[0].Vector.Span, embeddings.Last().Vector.Span);
        }
        catch (ArgumentException exception)
        {
            throw new AssertionServiceException(exception.Message, exception);
        }
    }
}
