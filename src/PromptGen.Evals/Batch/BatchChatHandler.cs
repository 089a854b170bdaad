using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;

namespace PromptGen.Evals.Batch;

/// <summary>
/// Stands in for the network under the built-in OpenAI-compatible client in batch mode, so the SDK builds every request
/// body exactly as the direct provider does and parses every answer exactly as it would. A request with an answer in
/// the batch state gets it (a batch error becomes a non-retryable PG1004 for that call); one without is collected for
/// the next batch (when collecting) and fails as pending.
/// </summary>
/// <param name="state">The answers collected so far.</param>
/// <param name="kind">Chat or judge: part of each request's <c>custom_id</c>.</param>
/// <param name="collected">Where unanswered requests go (custom_id → body); null when no more are sent.</param>
internal sealed class BatchChatHandler(BatchState state, RecordingKind kind, ConcurrentDictionary<string, string>? collected) : HttpMessageHandler
{
    private readonly BatchState _state = state;
    private readonly RecordingKind _kind = kind;
    private readonly ConcurrentDictionary<string, string>? _collected = collected;

    /// <summary>
    /// The <c>custom_id</c> of a request: eval file, case, trial, kind (and experiment arm), and a hash of the body that
    /// tells apart the turns of one trial. The same call always gets the same id, so a later command matches answers back.
    /// </summary>
    public static string CustomId(RecordingContext? context, RecordingKind kind, string body)
    {
        var trial = (context?.Trial ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var arm = context?.Arm is { } name ? "|" + name : string.Empty;
        return $"{context?.EvalFile}|{context?.CaseId}|{trial}|{kind.ToName()}{arm}|{CanonicalJson.Sha256Hex(body).Substring(0, 16)}";
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (request.Method != HttpMethod.Post || !path.EndsWith("/chat/completions", StringComparison.Ordinal) || request.Content is null)
            throw new EvalProviderException(ProviderErrorKind.Configuration, $"Batch mode sends chat completions only, not {request.Method} {path}.");
        var body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (IsStreamed(body))
            throw new EvalProviderException(ProviderErrorKind.Configuration, "A streamed call cannot go through a batch; run the evals of streamed prompts without --batch.");

        var customId = CustomId(RecordingContext.Current, _kind, body);
        if (_state.Answers.TryGetValue(customId, out var answer))
        {
            if (answer.Body is not null)
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer.Body, Encoding.UTF8, "application/json"), RequestMessage = request };
            throw new EvalProviderException(ProviderErrorKind.Other, $"The batch answered request '{customId}' with an error: {answer.Error}");
        }
        if (_collected is null)
            throw new EvalProviderException(ProviderErrorKind.Other, $"No batch answered request '{customId}' (it was not submitted, or the run needed more rounds than allowed).");
        _collected.TryAdd(customId, body);
        throw new EvalProviderException(ProviderErrorKind.Other, $"Request '{customId}' waits for a batch.");
    }

    private static bool IsStreamed(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject o && o["stream"] is JsonValue stream && stream.TryGetValue<bool>(out var streamed) && streamed;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>The model clients of a batch run: the built-in provider's clients over a <see cref="BatchChatHandler"/>.</summary>
internal sealed class BatchClientFactory(BatchState state, ConcurrentDictionary<string, string>? collected) : IEvalChatClientFactory
{
    private readonly BatchState _state = state;
    private readonly ConcurrentDictionary<string, string>? _collected = collected;

    public Microsoft.Extensions.AI.IChatClient CreateChatClient(EvalClientRole role, EvalProviderOptions options) =>
        EvalProviderFactory.CreateOpenAIChatClient(options, role,
            new BatchChatHandler(_state, role == EvalClientRole.Judge ? RecordingKind.Judge : RecordingKind.Chat, _collected));

    // Embeddings are cheap and synchronous: they go to the provider directly.
    public Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>? CreateEmbeddingGenerator(EvalProviderOptions options) => null;
}
