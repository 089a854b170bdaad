using System.Text.Json;
using System.Text.Json.Serialization;
using PromptGen.Evals.Files;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Security;

namespace PromptGen.Evals.Batch;

/// <summary>
/// What a batch run knows between commands: the batches submitted and the answers collected, by <c>custom_id</c>.
/// Persisted as JSON (the <c>--batch-state</c> file), scrubbed of secrets and replaced atomically.
/// </summary>
internal sealed class BatchState
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    [JsonPropertyName("version")]
    public int Version { get; set; } = 1;

    [JsonPropertyName("batches")]
    public List<SubmittedBatch> Batches { get; set; } = new();

    /// <summary>Answers by <c>custom_id</c>: the response body of a chat completion, or an error.</summary>
    [JsonPropertyName("answers")]
    public SortedDictionary<string, BatchAnswer> Answers { get; set; } = new(StringComparer.Ordinal);

    [JsonIgnore]
    public IEnumerable<SubmittedBatch> Open => Batches.Where(b => !b.Collected);

    /// <exception cref="EvalProviderException">The file exists but is not a batch state file (<see cref="ProviderErrorKind.Configuration"/>).</exception>
    public static BatchState Load(string? path)
    {
        if (path is null || !File.Exists(path))
            return new BatchState();
        try
        {
            var state = JsonSerializer.Deserialize<BatchState>(File.ReadAllBytes(path), JsonOptions);
            if (state is null || state.Version != 1 || state.Batches is null || state.Answers is null || state.Batches.Any(b => b is null || string.IsNullOrEmpty(b.Id) || b.CustomIds is null))
                throw new JsonException("expected an object with version 1, batches and answers");
            state.Answers = new SortedDictionary<string, BatchAnswer>(state.Answers, StringComparer.Ordinal);
            return state;
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new EvalProviderException(ProviderErrorKind.Configuration, $"{path}: the batch state file could not be read: {EvalSecrets.Shorten(exception.Message, 300)}");
        }
    }

    /// <summary>Writes the state atomically (nothing when <paramref name="path"/> is null).</summary>
    public void Save(string? path)
    {
        if (path is null)
            return;
        AtomicFile.WriteText(path, EvalSecrets.Scrub(JsonSerializer.Serialize(this, JsonOptions)) + "\n");
    }
}

/// <summary>One submitted batch.</summary>
internal sealed class SubmittedBatch
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    [JsonPropertyName("inputFileId")]
    public string InputFileId { get; set; } = string.Empty;

    [JsonPropertyName("status")]
    public string Status { get; set; } = "validating";

    [JsonPropertyName("collected")]
    public bool Collected { get; set; }

    [JsonPropertyName("customIds")]
    public List<string> CustomIds { get; set; } = new();
}

/// <summary>A batch's answer to one request: the chat completion body, or why there is none.</summary>
internal sealed class BatchAnswer
{
    /// <summary>The response body (a chat completion, as JSON text).</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }
}
