using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptGen.Evals.Tests;

/// <summary>Embeds a text as (length, vowel count, 0.5) and counts its calls.</summary>
public sealed class StubEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public static float[] VectorFor(string text) => new[] { text.Length, text.Count(c => "aeiou".Contains(c)), 0.5f };

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(VectorFor(v)) { ModelId = "stub-embed" })));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
