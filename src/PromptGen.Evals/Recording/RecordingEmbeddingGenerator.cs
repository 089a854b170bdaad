using Microsoft.Extensions.AI;
using PromptGen.Evals.Providers;

namespace PromptGen.Evals.Recording;

/// <summary>
/// An embedding generator that answers from, and records into, a <see cref="RecordingStore"/> (kind
/// <see cref="RecordingKind.Embedding"/>), with the same modes and context as <see cref="RecordingChatClient"/>.
/// </summary>
public sealed class RecordingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, RecordingStore store, Func<RecordingContext?>? context = null)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(innerGenerator)
{
    private readonly RecordingStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly Func<RecordingContext?>? _context = context;

    /// <inheritdoc />
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (_store.PassesCallsThrough())
            return await base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);

        var mode = _store.Mode;
        var inputs = values as IList<string> ?? values.ToList();
        // Embeddings do not depend on the experiment arm: every arm shares them.
        var context = RecordingContext.Of(_context) with { Arm = null };
        var request = CanonicalRequest.ForEmbedding(inputs, options);
        var key = CanonicalRequest.Key(RecordingKind.Embedding, context.Trial, request);

        if (mode != EvalMode.Record && _store.Find(context.CaseId, context.Trial, RecordingKind.Embedding, key, request) is { } recorded)
            return ToEmbeddings(recorded.Response);
        if (mode == EvalMode.Replay)
            throw _store.CreateMissingException(context.CaseId, context.Trial, RecordingKind.Embedding, key, request);

        var generated = await base.GenerateAsync(inputs, options, cancellationToken).ConfigureAwait(false);
        _store.Save(context.Entry(RecordingKind.Embedding, key, request, new RecordedResponse
        {
            ModelId = generated.FirstOrDefault()?.ModelId,
            InputTokens = generated.Usage?.InputTokenCount,
            TotalTokens = generated.Usage?.TotalTokenCount,
            Vectors = generated.Select(e => e.Vector.ToArray()).ToList(),
        }));
        return generated;
    }

    private static GeneratedEmbeddings<Embedding<float>> ToEmbeddings(RecordedResponse recorded)
    {
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(recorded.Vectors.Select(v => new Embedding<float>(v) { ModelId = recorded.ModelId }))
        {
            AdditionalProperties = new AdditionalPropertiesDictionary { [RecordingChatClient.ReplayedProperty] = true },
        };
        if (recorded.InputTokens is not null || recorded.TotalTokens is not null)
            embeddings.Usage = new UsageDetails { InputTokenCount = recorded.InputTokens, TotalTokenCount = recorded.TotalTokens };
        return embeddings;
    }
}
