using Microsoft.Extensions.AI;

namespace PromptGen.Evals.Providers;

/// <summary>
/// Stands in for the model when no provider is configured: replayed calls never reach it, and any call that does fails
/// with a <see cref="ProviderErrorKind.Configuration"/> error that says how to configure one.
/// </summary>
public sealed class UnconfiguredChatClient : IChatClient, IEmbeddingGenerator<string, Embedding<float>>
{
    internal const string Explanation =
        "No model provider is configured for evals. Set PROMPTGEN_MODEL (and PROMPTGEN_ENDPOINT / PROMPTGEN_API_KEY as " +
        "needed) or the MSBuild properties PromptGenModel, PromptGenEndpoint, PromptGenApiKey; or name an " +
        "IEvalChatClientFactory; or run in replay mode with committed recordings.";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw Error();

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw Error();

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        throw Error();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static EvalProviderException Error() => new(ProviderErrorKind.Configuration, Explanation);
}
