using System.Collections.Concurrent;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromptGen.Evals.Files;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;
using PromptGen.Evals.Security;

namespace PromptGen.Evals.Batch;

/// <summary>
/// Runs evals through a provider's batch API (<c>promptgen eval --batch</c>), in two phases.
/// <para><b>Collect.</b> The suite runs with the built-in provider over a handler that answers nothing: every model call
/// that the recordings do not answer is written down (its body built by the same SDK client the direct provider uses)
/// and fails as pending. Those requests go to the provider as JSONL batches (<c>custom_id</c> per eval file, case,
/// trial and kind); the command waits for them (or stops, leaving them to a later command with the same state file),
/// downloads the output and error files and keeps each answer by <c>custom_id</c>. Calls that depend on earlier
/// answers (judges, the next turn of a tool loop) show up in the next collect run and go in the next batch.</para>
/// <para><b>Replay.</b> When a collect run finds nothing new to send, the suite runs once more in the requested mode,
/// answered from the collected results through the SDK, so recordings, reports and the gate are exactly the direct
/// provider's. A request the batch answered with an error, or that an expired, failed or cancelled batch left
/// unanswered, is PG1004 for its trial: an infrastructure error, never a regression.</para>
/// </summary>
public static class EvalBatchRunner
{
    /// <summary>
    /// Submits, waits for and collects the batches of <paramref name="request"/>'s missing model calls, then runs the
    /// suite over the answers. Returns with <see cref="EvalBatchOutcome.PendingBatches"/> when the poll timeout passes first.
    /// </summary>
    /// <exception cref="ArgumentException">The mode is not <c>auto</c> or <c>record</c>.</exception>
    /// <exception cref="EvalProviderException">A user model factory is configured, the state file is unreadable, or the batch API refused a request.</exception>
    public static Task<EvalBatchOutcome> RunAsync(EvalRunRequest request, EvalBatchOptions batch, CancellationToken cancellationToken = default) =>
        RunAsync(request, batch, apiHandler: null, cancellationToken);

    internal static async Task<EvalBatchOutcome> RunAsync(EvalRunRequest request, EvalBatchOptions batch, HttpMessageHandler? apiHandler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(batch);
        if (request.Mode is not (EvalMode.Auto or EvalMode.Record))
            throw new ArgumentException($"Batch mode sends calls to the model: use it with --mode auto or record, not {request.Mode.ToName()}.", nameof(request));
        if (request.ClientFactory is not null)
            throw new EvalProviderException(ProviderErrorKind.Configuration, "Batch mode uses the built-in OpenAI-compatible provider; it cannot go through a custom IEvalChatClientFactory.");
        if (batch.MaxRequestsInBatch is < 1 or > EvalBatchOptions.MaxRequestsPerBatch)
            throw new ArgumentOutOfRangeException(nameof(batch), $"A batch holds 1 to {EvalBatchOptions.MaxRequestsPerBatch} requests.");
        EvalSecrets.Register(request.ProviderOptions);

        var state = BatchState.Load(batch.StatePath);
        var deadline = batch.TimeProvider.GetUtcNow() + batch.PollTimeout;
        var submitted = 0;
        var collectedAnswers = 0;
        using var api = new OpenAIBatchApi(request.ProviderOptions, apiHandler);
        for (var round = 0; ; round++)
        {
            foreach (var open in state.Open.ToList())
            {
                var answers = await CollectAsync(api, open, state, batch, deadline, cancellationToken).ConfigureAwait(false);
                if (answers is null)
                    return new EvalBatchOutcome { PendingBatches = state.Open.Select(b => b.Id).ToList(), RequestsSubmitted = submitted, AnswersCollected = collectedAnswers };
                collectedAnswers += answers.Value;
            }
            if (round >= batch.MaxRounds)
                break;

            var pending = await CollectRequestsAsync(request, state, cancellationToken).ConfigureAwait(false);
            if (pending.Count == 0)
                break;
            foreach (var chunk in Chunks(pending.OrderBy(p => p.Key, StringComparer.Ordinal), batch.MaxRequestsInBatch, MaxInputFileBytes))
            {
                var fileId = await api.UploadAsync(Jsonl(chunk), cancellationToken).ConfigureAwait(false);
                var batchId = await api.CreateAsync(fileId, cancellationToken).ConfigureAwait(false);
                state.Batches.Add(new SubmittedBatch { Id = batchId, InputFileId = fileId, CustomIds = chunk.Select(p => p.Key).ToList() });
                state.Save(batch.StatePath);
                batch.Progress?.Report($"batch {batchId}: submitted, {chunk.Length} request(s)");
                submitted += chunk.Length;
            }
        }

        var result = await EvalRunner.RunAsync(request with { ClientFactory = new BatchClientFactory(state, collected: null) }, cancellationToken).ConfigureAwait(false);
        return new EvalBatchOutcome { Result = result, RequestsSubmitted = submitted, AnswersCollected = collectedAnswers };
    }

    /// <summary>The largest input file sent (bytes): under the 200 MB the batch APIs accept, with room for line framing.</summary>
    internal const long MaxInputFileBytes = 190L * 1024 * 1024;

    /// <summary>Splits requests into batches of at most <paramref name="maxLines"/> lines and about <paramref name="maxBytes"/> bytes.</summary>
    internal static IEnumerable<KeyValuePair<string, string>[]> Chunks(IEnumerable<KeyValuePair<string, string>> requests, int maxLines, long maxBytes)
    {
        var chunk = new List<KeyValuePair<string, string>>();
        long bytes = 0;
        foreach (var request in requests)
        {
            // The line's framing (custom_id, method, url) is a few hundred bytes at most.
            var size = Encoding.UTF8.GetByteCount(request.Value) + Encoding.UTF8.GetByteCount(request.Key) + 256;
            if (chunk.Count > 0 && (chunk.Count >= maxLines || bytes + size > maxBytes))
            {
                yield return chunk.ToArray();
                chunk.Clear();
                bytes = 0;
            }
            chunk.Add(request);
            bytes += size;
        }
        if (chunk.Count > 0)
            yield return chunk.ToArray();
    }

    /// <summary>
    /// The JSONL input file: one chat completion request per line, its body as the SDK built it, written on one line
    /// (the SDK embeds schemas indented; every token and value is kept as it is).
    /// </summary>
    internal static byte[] Jsonl(IEnumerable<KeyValuePair<string, string>> requests)
    {
        var options = JsonFileText.CompactReadable;
        using var stream = new MemoryStream();
        foreach (var (customId, body) in requests)
        {
            using var document = JsonDocument.Parse(body);
            using (var writer = new Utf8JsonWriter(stream, options))
            {
                writer.WriteStartObject();
                writer.WriteString("custom_id", customId);
                writer.WriteString("method", "POST");
                writer.WriteString("url", "/v1/chat/completions");
                writer.WritePropertyName("body");
                document.RootElement.WriteTo(writer);
                writer.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
        }
        return stream.ToArray();
    }

    // A run in which every call the recordings do not answer is collected instead of sent. Nothing it writes matters:
    // no reports, no baseline, and (record mode collecting in live mode) no recordings.
    private static async Task<ConcurrentDictionary<string, string>> CollectRequestsAsync(EvalRunRequest request, BatchState state, CancellationToken cancellationToken)
    {
        var collected = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await EvalRunner.RunAsync(request with
        {
            Mode = request.Mode == EvalMode.Record ? EvalMode.Live : EvalMode.Auto,
            ClientFactory = new BatchClientFactory(state, collected),
            UpdateBaseline = false,
            ReportDirectory = null,
            Progress = null,
        }, cancellationToken).ConfigureAwait(false);
        return collected;
    }

    // Polls one batch until it ends or the deadline passes (null), then records an answer or an error for each of its requests.
    private static async Task<int?> CollectAsync(OpenAIBatchApi api, SubmittedBatch open, BatchState state, EvalBatchOptions options, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        BatchStatus status;
        while (true)
        {
            status = await api.GetAsync(open.Id, cancellationToken).ConfigureAwait(false);
            if (open.Status != status.Status)
            {
                open.Status = status.Status;
                state.Save(options.StatePath);
                options.Progress?.Report($"batch {open.Id}: {status.Status}");
            }
            if (status.IsTerminal)
                break;
            var now = options.TimeProvider.GetUtcNow();
            if (now >= deadline)
                return null;
            var wait = deadline - now < options.PollInterval ? deadline - now : options.PollInterval;
            await Task.Delay(wait, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        var expected = new HashSet<string>(open.CustomIds, StringComparer.Ordinal);
        var answers = new Dictionary<string, BatchAnswer>(StringComparer.Ordinal);
        foreach (var fileId in new[] { status.OutputFileId, status.ErrorFileId })
        {
            if (fileId is null)
                continue;
            var content = await api.ContentAsync(fileId, cancellationToken).ConfigureAwait(false);
            ReadResults(content, fileId, expected, answers);
        }
        var missing = status.Status == "completed"
            ? $"batch {open.Id} completed without a result for it"
            : $"batch {open.Id} ended '{status.Status}' before answering it";
        foreach (var customId in open.CustomIds)
            state.Answers[customId] = answers.TryGetValue(customId, out var answer) ? answer : new BatchAnswer { Error = missing };
        open.Collected = true;
        state.Save(options.StatePath);
        return open.CustomIds.Count;
    }

    /// <summary>Reads the lines of an output or error file: each matched back by its <c>custom_id</c>, in any order.</summary>
    internal static void ReadResults(string content, string fileId, ISet<string> expected, IDictionary<string, BatchAnswer> answers)
    {
        var lineNumber = 0;
        foreach (var raw in content.Split('\n'))
        {
            lineNumber++;
            if (lineNumber > EvalBatchOptions.MaxRequestsPerBatch + 1)
                throw new EvalProviderException(ProviderErrorKind.MalformedResponse, $"The batch file '{fileId}' has more than {EvalBatchOptions.MaxRequestsPerBatch} lines.");
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            JsonObject result;
            try
            {
                result = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not a JSON object");
            }
            catch (JsonException exception)
            {
                throw new EvalProviderException(ProviderErrorKind.MalformedResponse, $"The batch file '{fileId}', line {lineNumber}: {EvalSecrets.Shorten(exception.Message, 200)}");
            }
            if (result["custom_id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var customId) || !expected.Contains(customId))
                continue; // Not a request of this batch: nothing to match it to.
            var response = result["response"] as JsonObject;
            var statusCode = response?["status_code"] is JsonValue code && code.TryGetValue<int>(out var number) ? number : 0;
            if (statusCode is >= 200 and < 300 && response?["body"] is JsonObject body && ErrorOf(result) is null)
            {
                answers[customId] = new BatchAnswer { Body = body.ToJsonString() };
            }
            else
            {
                var message = ErrorOf(result) ?? (response?["body"] as JsonObject)?["error"]?["message"]?.ToString() ?? "no answer";
                answers[customId] = new BatchAnswer { Error = EvalSecrets.Shorten(statusCode > 0 ? $"HTTP {statusCode}: {message}" : message, 300) };
            }
        }
    }

    private static string? ErrorOf(JsonObject result) => result["error"] is JsonObject error
        ? (error["message"]?.ToString() ?? error["code"]?.ToString() ?? "error")
        : null;
}
