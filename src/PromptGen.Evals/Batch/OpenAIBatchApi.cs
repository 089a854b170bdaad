using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Security;

namespace PromptGen.Evals.Batch;

/// <summary>
/// The OpenAI batch API (and services that serve the same endpoints): upload a JSONL input file (<c>POST /files</c>, purpose batch),
/// create a batch over it (<c>POST /batches</c>, endpoint <c>/v1/chat/completions</c>, 24 h window), read its status
/// (<c>GET /batches/{id}</c>) and download its output and error files (<c>GET /files/{id}/content</c>).
/// </summary>
internal sealed class OpenAIBatchApi : IDisposable
{
    /// <summary>The largest output or error file read (bytes): 50,000 answers of a few kilobytes each, with room.</summary>
    public const long MaxContentBytes = 1L << 30;

    private const string DefaultEndpoint = "https://api.openai.com/v1";
    private readonly HttpClient _http;
    private readonly string _baseUrl;

    public OpenAIBatchApi(EvalProviderOptions options, HttpMessageHandler? handler = null)
    {
        var endpoint = string.IsNullOrWhiteSpace(options.Endpoint) ? DefaultEndpoint : options.Endpoint!.Trim();
        if (!EvalProviderOptions.TryParseEndpoint(endpoint, out _))
            throw new EvalProviderException(ProviderErrorKind.Configuration,
                $"The provider endpoint (EvalProviderOptions.Endpoint) must be {EvalProviderOptions.EndpointExpectation}, not '{endpoint}'.");
        _baseUrl = endpoint.TrimEnd('/');
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        // Input and output files run to hundreds of megabytes: a transfer may take far longer than one model call.
        _http.Timeout = options.CallTimeout + TimeSpan.FromMinutes(10);
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
    }

    public async Task<string> UploadAsync(byte[] jsonl, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("batch"), "purpose");
        var file = new ByteArrayContent(jsonl);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        form.Add(file, "file", "promptgen-batch.jsonl");
        var created = await SendAsync(HttpMethod.Post, "/files", form, cancellationToken).ConfigureAwait(false);
        return RequiredString(created, "id", "the uploaded file");
    }

    public async Task<string> CreateAsync(string inputFileId, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["input_file_id"] = inputFileId,
            ["endpoint"] = "/v1/chat/completions",
            ["completion_window"] = "24h",
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var created = await SendAsync(HttpMethod.Post, "/batches", content, cancellationToken).ConfigureAwait(false);
        return RequiredString(created, "id", "the created batch");
    }

    public async Task<BatchStatus> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        var batch = await SendAsync(HttpMethod.Get, "/batches/" + Uri.EscapeDataString(batchId), null, cancellationToken).ConfigureAwait(false);
        return new BatchStatus(
            RequiredString(batch, "status", "batch " + batchId),
            batch["output_file_id"]?.GetValueKind() == JsonValueKind.String ? batch["output_file_id"]!.GetValue<string>() : null,
            batch["error_file_id"]?.GetValueKind() == JsonValueKind.String ? batch["error_file_id"]!.GetValue<string>() : null);
    }

    /// <summary>Downloads a file's content, refusing more than <see cref="MaxContentBytes"/>.</summary>
    public async Task<string> ContentAsync(string fileId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _baseUrl + "/files/" + Uri.EscapeDataString(fileId) + "/content");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "GET /files/{id}/content", cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > MaxContentBytes)
            throw TooLarge(fileId);
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxContentBytes)
                throw TooLarge(fileId);
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public void Dispose() => _http.Dispose();

    private static EvalProviderException TooLarge(string fileId) =>
        new(ProviderErrorKind.MalformedResponse, $"The batch file '{fileId}' is larger than {MaxContentBytes} bytes.");

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, _baseUrl + path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new EvalProviderException(ProviderErrorKind.Network, $"{method} {path}: {EvalSecrets.Shorten(exception.Message, 300)}", innerException: exception);
        }
        using (response)
        {
            await EnsureSuccessAsync(response, $"{method} {path}", cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not a JSON object");
            }
            catch (JsonException exception)
            {
                throw new EvalProviderException(ProviderErrorKind.MalformedResponse, $"{method} {path}: the response could not be read: {EvalSecrets.Shorten(exception.Message, 300)}");
            }
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new EvalProviderException(ProviderErrorKind.HttpStatus,
            $"{what}: HTTP {(int)response.StatusCode}: {EvalSecrets.Shorten(body.Replace('\n', ' '), 300)}", (int)response.StatusCode);
    }

    private static string RequiredString(JsonObject node, string property, string what) =>
        node[property] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new EvalProviderException(ProviderErrorKind.MalformedResponse, $"The response for {what} has no '{property}'.");
}

/// <summary>A batch's status and its result files, when it has them.</summary>
internal sealed record BatchStatus(string Status, string? OutputFileId, string? ErrorFileId)
{
    /// <summary>Finished, one way or another: no status after these changes.</summary>
    public bool IsTerminal => Status is "completed" or "failed" or "expired" or "cancelled";
}
