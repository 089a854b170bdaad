using System.Net.Http;
using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using PromptGen.Evals.Security;

namespace PromptGen.Evals.Providers;

/// <summary>
/// Creates the raw model clients for evals: the user's <see cref="IEvalChatClientFactory"/> when one is given, else an
/// OpenAI-compatible endpoint through Microsoft.Extensions.AI.OpenAI (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM,
/// llama.cpp server, LM Studio). Retries are left to <see cref="EvalCallPolicy"/>, so the SDK's own are turned off.
/// </summary>
public static class EvalProviderFactory
{
    // Some local servers need no key, but the SDK requires one; this placeholder is sent instead.
    private const string NoKey = "no-key";

    /// <summary>
    /// The chat client for <paramref name="role"/>; an <see cref="UnconfiguredChatClient"/> when no model is configured.
    /// The API key is registered with <see cref="EvalSecrets.Scrubber"/> so it can never reach a recordings file.
    /// </summary>
    /// <exception cref="EvalProviderException">The endpoint is not an absolute http(s) URL (<see cref="ProviderErrorKind.Configuration"/>).</exception>
    public static IChatClient CreateChatClient(EvalProviderOptions options, EvalClientRole role = EvalClientRole.App, IEvalChatClientFactory? userFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (role == EvalClientRole.Embedding)
            throw new ArgumentException("Use CreateEmbeddingGenerator for embeddings.", nameof(role));
        EvalSecrets.Scrubber.AddSecret(options.ApiKey);
        if (userFactory is not null)
            return userFactory.CreateChatClient(role, options);
        var model = role == EvalClientRole.Judge ? options.JudgeModel ?? options.Model : options.Model;
        if (string.IsNullOrWhiteSpace(model))
            return new UnconfiguredChatClient();
        return CreateOpenAIClient(options).GetChatClient(model).AsIChatClient();
    }

    /// <summary>
    /// The built-in OpenAI-compatible chat client for <paramref name="role"/> over <paramref name="handler"/> instead of
    /// the network: batch mode sends the very requests the direct provider would send, built by the same SDK client.
    /// </summary>
    internal static IChatClient CreateOpenAIChatClient(EvalProviderOptions options, EvalClientRole role, HttpMessageHandler handler)
    {
        var model = role == EvalClientRole.Judge ? options.JudgeModel ?? options.Model : options.Model;
        if (string.IsNullOrWhiteSpace(model))
            return new UnconfiguredChatClient();
        return CreateOpenAIClient(options, handler).GetChatClient(model).AsIChatClient();
    }

    /// <summary>The embedding generator; an <see cref="UnconfiguredChatClient"/> when no embedding model is configured.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(EvalProviderOptions options, IEvalChatClientFactory? userFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        EvalSecrets.Scrubber.AddSecret(options.ApiKey);
        if (userFactory?.CreateEmbeddingGenerator(options) is { } userGenerator)
            return userGenerator;
        if (string.IsNullOrWhiteSpace(options.EmbeddingModel))
            return new UnconfiguredChatClient();
        return CreateOpenAIClient(options).GetEmbeddingClient(options.EmbeddingModel).AsIEmbeddingGenerator();
    }

    private static OpenAIClient CreateOpenAIClient(EvalProviderOptions options, HttpMessageHandler? handler = null)
    {
        var clientOptions = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The policy's per-call timeout fires first; this only guards against a transport that never returns.
            NetworkTimeout = options.CallTimeout + TimeSpan.FromSeconds(30),
        };
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            if (!EvalProviderOptions.TryParseEndpoint(options.Endpoint, out var endpoint))
                throw new EvalProviderException(ProviderErrorKind.Configuration,
                    $"The provider endpoint (EvalProviderOptions.Endpoint) must be {EvalProviderOptions.EndpointExpectation}, not '{options.Endpoint}'.");
            clientOptions.Endpoint = endpoint;
        }
        if (handler is not null)
            clientOptions.Transport = new HttpClientPipelineTransport(new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan });
        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? NoKey : options.ApiKey!;
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions);
    }
}
