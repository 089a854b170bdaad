using Microsoft.Extensions.AI;
using PromptGen.Evals.Recording;

namespace PromptGen.Evals.Providers;

/// <summary>
/// The model clients of one eval file's run, fully layered: recording (outermost: replays never touch the network or the
/// budget) → resilience (<see cref="EvalCallPolicy"/>) → the provider (built-in OpenAI-compatible or the user's factory).
/// </summary>
public sealed class EvalModelClients : IDisposable
{
    private EvalModelClients(IChatClient app, IChatClient judge, IEmbeddingGenerator<string, Embedding<float>> embeddings)
    {
        App = app;
        Judge = judge;
        Embeddings = embeddings;
    }

    /// <summary>For the prompt under test (recording kind <c>chat</c>).</summary>
    public IChatClient App { get; }

    /// <summary>For <c>llm-rubric</c> judges (recording kind <c>judge</c>).</summary>
    public IChatClient Judge { get; }

    /// <summary>For the <c>similar</c> assertion (recording kind <c>embedding</c>).</summary>
    public IEmbeddingGenerator<string, Embedding<float>> Embeddings { get; }

    /// <summary>
    /// Builds the clients. In <c>replay</c> and <c>off</c> modes no provider is created at all, so no configuration is needed.
    /// </summary>
    /// <param name="options">Provider settings (see <see cref="EvalProviderOptions.Resolve"/>).</param>
    /// <param name="store">The recordings of the eval file.</param>
    /// <param name="policy">The run's shared policy (concurrency, retries, timeout, budget).</param>
    /// <param name="userFactory">The user's factory, if any (see <see cref="EvalClientFactoryLoader"/>).</param>
    /// <param name="sharedRecordings">A recordings store shared between runs, consulted before the model (see <see cref="Sharing.SharedRecordingsChatClient"/>).</param>
    public static EvalModelClients Create(EvalProviderOptions options, RecordingStore store, EvalCallPolicy policy, IEvalChatClientFactory? userFactory = null,
        Microsoft.Extensions.Caching.Distributed.IDistributedCache? sharedRecordings = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(policy);
        var offline = store.Mode is EvalMode.Replay or EvalMode.Off;
        IChatClient RawChat(EvalClientRole role) =>
            offline ? new UnconfiguredChatClient() : EvalProviderFactory.CreateChatClient(options, role, userFactory);
        var rawEmbeddings = offline ? new UnconfiguredChatClient() : EvalProviderFactory.CreateEmbeddingGenerator(options, userFactory);
        // The shared store sits inside the recordings file and outside resilience: its answers cost no call and no budget.
        IChatClient Model(EvalClientRole role, RecordingKind kind)
        {
            IChatClient client = new ResilientChatClient(RawChat(role), policy);
            // Live runs neither read nor write recordings, shared ones included.
            return sharedRecordings is null || store.Mode is not (EvalMode.Auto or EvalMode.Record) ? client : new Sharing.SharedRecordingsChatClient(client, sharedRecordings, kind, store.Scrubber);
        }
        return new EvalModelClients(
            new RecordingChatClient(Model(EvalClientRole.App, RecordingKind.Chat), store, RecordingKind.Chat),
            new RecordingChatClient(Model(EvalClientRole.Judge, RecordingKind.Judge), store, RecordingKind.Judge),
            new RecordingEmbeddingGenerator(new ResilientEmbeddingGenerator(rawEmbeddings, policy), store));
    }

    public void Dispose()
    {
        App.Dispose();
        Judge.Dispose();
        Embeddings.Dispose();
    }
}
