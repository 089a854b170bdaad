using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;

namespace PromptGen.Evals.Sharing;

/// <summary>
/// Writes a shared recordings store's answers for a suite into the suite's recordings files, the ones CI replays
/// (<c>promptgen recordings export</c>). The store cannot be listed, and need not be: the suite runs in <c>auto</c> mode
/// with the store as its only model, so exactly the calls the suite makes are looked up and recorded, through the
/// recordings files' own locked, atomic writes. A call the store cannot answer is PG1004 for its trial; no model is called.
/// </summary>
public static class SharedRecordingsExport
{
    /// <summary>Runs <paramref name="request"/>'s suite over <paramref name="store"/> alone and writes what it answered.</summary>
    public static Task<EvalRunResult> RunAsync(EvalRunRequest request, IDistributedCache store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        return EvalRunner.RunAsync(request with
        {
            Mode = EvalMode.Auto,
            SharedRecordings = store,
            ClientFactory = new StoreOnlyFactory(),
            UpdateBaseline = false,
        }, cancellationToken);
    }

    private sealed class StoreOnlyFactory : IEvalChatClientFactory
    {
        public IChatClient CreateChatClient(EvalClientRole role, EvalProviderOptions options) => new NotInStoreClient();

        public IEmbeddingGenerator<string, Embedding<float>>? CreateEmbeddingGenerator(EvalProviderOptions options) => new UnconfiguredChatClient();
    }

    // What the store does not hold stays unanswered: exporting never calls a model.
    private sealed class NotInStoreClient : IChatClient
    {
        private static EvalProviderException Missing() => new(ProviderErrorKind.ModelCallsDisabled,
            "The shared recordings store has no answer for this call: run the suite in auto or record mode with --recordings-store first.");

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromException<ChatResponse>(Missing());

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw Missing();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
