using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Security;
using PromptGen.Security;

namespace PromptGen.Evals.Sharing;

/// <summary>
/// Answers chat and judge calls from a recordings store shared by several runs (an <see cref="IDistributedCache"/>, e.g.
/// Redis) before it calls the model, and adds the model's answers to it: shards of one suite, or CI jobs, then pay for
/// each call once. An entry is found by the recording key (kind, case, trial, experiment arm and the request's hash),
/// so it answers exactly the calls its recordings-file entry would. Values are one-entry recordings documents, written
/// through the recordings file's own writer and scrubber, so no secret reaches the store. Streamed calls pass through.
/// </summary>
public sealed class SharedRecordingsChatClient : DelegatingChatClient
{
    private const string KeyPrefix = "promptgen:recordings:v1:";

    private readonly IDistributedCache _cache;
    private readonly RecordingKind _kind;
    private readonly SecretScrubber _scrubber;

    /// <param name="innerClient">The model client (called when the store has no answer).</param>
    /// <param name="cache">The shared store.</param>
    /// <param name="kind"><see cref="RecordingKind.Chat"/> or <see cref="RecordingKind.Judge"/>.</param>
    /// <param name="scrubber">Applied to every value written to the store.</param>
    public SharedRecordingsChatClient(IChatClient innerClient, IDistributedCache cache, RecordingKind kind, SecretScrubber scrubber)
        : base(innerClient)
    {
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        if (kind == RecordingKind.Embedding)
            throw new ArgumentException("A chat client shares chat or judge calls.", nameof(kind));
        _kind = kind;
        _scrubber = scrubber ?? throw new ArgumentNullException(nameof(scrubber));
    }

    /// <summary>The store key of a call: the recording key with the case, trial and arm it belongs to.</summary>
    public static string StoreKey(RecordingKind kind, RecordingContext context, string recordingKey) =>
        KeyPrefix + kind.ToName() + ":" + context.CaseId + ":" + context.Trial.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + ":" + (context.Arm ?? string.Empty) + ":" + recordingKey;

    /// <inheritdoc />
    /// <exception cref="EvalProviderException">The store could not be read or written (<see cref="ProviderErrorKind.Configuration"/>): never a silent fallback to the model.</exception>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var messageList = messages as IList<ChatMessage> ?? messages.ToList();
        var context = RecordingContext.Of(null);
        var request = CanonicalRequest.ForChat(messageList, options);
        var recordingKey = CanonicalRequest.Key(_kind, context.Trial, request);
        var storeKey = StoreKey(_kind, context, recordingKey);

        var stored = await StoreCallAsync(() => _cache.GetAsync(storeKey, cancellationToken)).ConfigureAwait(false);
        if (stored is not null && Read(storeKey, stored) is { } entry)
            return RecordingChatClient.ToChatResponse(entry.Response);

        var response = await base.GetResponseAsync(messageList, options, cancellationToken).ConfigureAwait(false);
        var recorded = context.Entry(_kind, recordingKey, request, RecordingChatClient.FromChatResponse(response));
        var value = Encoding.UTF8.GetBytes(RecordingFileFormat.Write(null, new[] { recorded }, _scrubber));
        await StoreCallAsync(async () =>
        {
            await _cache.SetAsync(storeKey, value, new DistributedCacheEntryOptions(), cancellationToken).ConfigureAwait(false);
            return value;
        }).ConfigureAwait(false);
        return response;
    }

    private static RecordingEntry? Read(string storeKey, byte[] value)
    {
        try
        {
            return RecordingFileFormat.Read(storeKey, value).Entries.FirstOrDefault();
        }
        catch (RecordingFormatException)
        {
            // A value this version cannot read is a miss: the model answers and the value is replaced.
            return null;
        }
    }

    private static async Task<byte[]?> StoreCallAsync(Func<Task<byte[]?>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not EvalProviderException)
        {
            throw new EvalProviderException(ProviderErrorKind.Configuration,
                "The shared recordings store failed: " + EvalSecrets.Shorten(exception.Message, 300), innerException: exception);
        }
    }
}
