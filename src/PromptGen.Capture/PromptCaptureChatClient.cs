using Microsoft.Extensions.AI;
using PromptGen.Observation;

namespace PromptGen.Capture;

/// <summary>
/// Chat-client middleware that hands the calls of generated prompts (<see cref="PromptCallContext.Current"/>) to a
/// <see cref="PromptCapture"/>. Requests that do not come from a generated prompt pass through untouched. The call is
/// observed, never changed: the capture queues the record when the call ends and writes it in the background.
/// </summary>
public sealed class PromptCaptureChatClient : DelegatingChatClient
{
    private readonly PromptCapture _capture;
    private readonly bool _ownsCapture;

    /// <summary>Wraps <paramref name="innerClient"/>, capturing to <paramref name="capture"/>.</summary>
    /// <param name="innerClient">The client calls go to.</param>
    /// <param name="capture">Where calls are captured.</param>
    /// <param name="ownsCapture">Whether disposing this client disposes <paramref name="capture"/>.</param>
    public PromptCaptureChatClient(IChatClient innerClient, PromptCapture capture, bool ownsCapture = false)
        : base(innerClient)
    {
        _capture = capture ?? throw new ArgumentNullException(nameof(capture));
        _ownsCapture = ownsCapture;
    }

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Observe();
        return base.GetResponseAsync(messages, options, cancellationToken);
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        Observe();
        return base.GetStreamingResponseAsync(messages, options, cancellationToken);
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(PromptCapture) ? _capture : base.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsCapture) _capture.Dispose();
        base.Dispose(disposing);
    }

    private void Observe()
    {
        // Once per prompt call: a re-ask is the same call's second attempt.
        if (PromptCallContext.Current is { Attempt: 1 } call) _capture.Observe(call);
    }
}
