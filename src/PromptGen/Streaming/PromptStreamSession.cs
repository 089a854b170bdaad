using Microsoft.Extensions.AI;

namespace PromptGen.Streaming;

/// <summary>
/// The state of one streamed prompt call: the model's update stream (opened on first use), the partial builder, the
/// updates received, and the final result. Not thread-safe: one reader at a time, as <see cref="PromptStream{TPartial, TOutput}"/> allows.
/// </summary>
internal sealed class PromptStreamSession<TPartial, TOutput>
{
    private readonly IChatClient _client;
    private readonly IList<ChatMessage> _messages;
    private readonly ChatOptions? _options;
    private readonly PromptOutputReader<TOutput> _reader;
    private readonly bool _reask;
    private readonly PartialBuilder<TPartial> _partials;
    private readonly CancellationTokenSource _cancel;
    private readonly StreamedUpdates _updates = new();
    private IAsyncEnumerator<ChatResponseUpdate>? _stream;
    private Task<PromptResult<TOutput>>? _result;
    private bool _ended;
    private bool _busy;

    public PromptStreamSession(
        IChatClient client,
        IList<ChatMessage> messages,
        ChatOptions? options,
        PromptOutputReader<TOutput> reader,
        bool reask,
        PartialBuilder<TPartial> partials,
        CancellationToken cancellationToken)
    {
        _client = client;
        _messages = messages;
        _options = options;
        _reader = reader;
        _reask = reask;
        _partials = partials;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>The last partial value <see cref="NextAsync"/> found.</summary>
    public TPartial Current => _partials.Current;

    /// <summary>
    /// Moves to the next changed partial value (<see cref="Current"/>); false when the answer has ended. Updates the
    /// model's stream has already produced are read without an <c>async</c> step each, so a stream of small chunks costs
    /// the parse, not the machinery around it.
    /// </summary>
    public ValueTask<bool> NextAsync(CancellationToken cancellationToken)
    {
        Enter();
        var handedOff = false;
        try
        {
            while (true)
            {
                ThrowIfCancelled(cancellationToken);
                if (_ended)
                {
                    return new ValueTask<bool>(false);
                }

                var moved = Open().MoveNextAsync();
                if (!moved.IsCompleted)
                {
                    handedOff = true;
                    return NextSlowAsync(moved, cancellationToken);
                }

                if (!moved.GetAwaiter().GetResult())
                {
                    handedOff = true;
                    return NextSlowAsync(new ValueTask<bool>(false), cancellationToken);
                }

                if (TakeCurrent())
                {
                    return new ValueTask<bool>(true);
                }
            }
        }
        finally
        {
            if (!handedOff)
            {
                Exit();
            }
        }
    }

    /// <summary>The rest of <see cref="NextAsync"/> once the model's stream has to be waited for (or closed).</summary>
    private async ValueTask<bool> NextSlowAsync(ValueTask<bool> pending, CancellationToken cancellationToken)
    {
        try
        {
            using var registration = Link(cancellationToken);
            var moved = pending;
            while (true)
            {
                if (!await moved.ConfigureAwait(false))
                {
                    await EndAsync().ConfigureAwait(false);
                    return false;
                }

                if (TakeCurrent())
                {
                    return true;
                }

                ThrowIfCancelled(cancellationToken);
                moved = _stream!.MoveNextAsync();
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Records the model's current update; true when it changed the partial value (<see cref="Current"/>).</summary>
    private bool TakeCurrent() => _partials.Append(_updates.Add(_stream!.Current));

    public Task<PromptResult<TOutput>> GetResultAsync(CancellationToken cancellationToken) =>
        _result ??= FinishAsync(cancellationToken);

    private async Task<PromptResult<TOutput>> FinishAsync(CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            using (Link(cancellationToken))
            {
                while (await NextUpdateAsync(cancellationToken).ConfigureAwait(false) is not null)
                {
                    // Drain: the caller stopped enumerating, or never started.
                }
            }
        }
        finally
        {
            Exit();
        }

        var response = _updates.ToChatResponse();
        // As for a whole call: an answer that is only tool calls nobody ran has no output to parse.
        Tools.PromptToolCallException.ThrowIfUnanswered(response);
        var first = PromptRunner.ReadAnswer(_reader, response.Text ?? string.Empty);
        if (first.Ok)
        {
            return new PromptResult<TOutput>(first.Value!, response, response.Usage, new[] { first.Report });
        }

        if (!_reask)
        {
            throw PromptRunner.ParseFailure(1, first.Report, response.Text ?? string.Empty);
        }

        // Re-ask after the stream has ended, whole (a second stream would restart the partial values).
        cancellationToken.ThrowIfCancellationRequested();
        var conversation = PromptRunner.ReaskConversation(_messages, response, first.Report);
        var second = await _client.GetResponseAsync(conversation, _options, cancellationToken).ConfigureAwait(false);
        var usage = PromptRunner.Sum(PromptRunner.Sum(null, response.Usage), second.Usage);
        var retry = PromptRunner.ReadAnswer(_reader, second.Text ?? string.Empty);
        if (!retry.Ok)
        {
            throw PromptRunner.ParseFailure(2, retry.Report, second.Text ?? string.Empty);
        }

        return new PromptResult<TOutput>(retry.Value!, second, usage, new[] { first.Report, retry.Report });
    }

    private async ValueTask<ChatResponseUpdate?> NextUpdateAsync(CancellationToken cancellationToken)
    {
        ThrowIfCancelled(cancellationToken);
        if (_ended)
        {
            return null;
        }

        if (!await Open().MoveNextAsync().ConfigureAwait(false))
        {
            await EndAsync().ConfigureAwait(false);
            return null;
        }

        var update = _stream!.Current;
        _updates.Add(update);
        return update;
    }

    private IAsyncEnumerator<ChatResponseUpdate> Open() =>
        _stream ??= _client.GetStreamingResponseAsync(_messages, _options, _cancel.Token).GetAsyncEnumerator(_cancel.Token);

    /// <summary>The model's stream has ended: closes it.</summary>
    private async ValueTask EndAsync()
    {
        _ended = true;
        var stream = _stream;
        _stream = null;
        if (stream is not null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void ThrowIfCancelled(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_cancel.IsCancellationRequested)
        {
            _cancel.Token.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Lets the caller's token for this step cancel the model's stream too.</summary>
    private CancellationTokenRegistration Link(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _cancel) : default;

    // A plain flag, not an interlocked one: it catches a second read that starts while one is suspended (awaiting the
    // model), which is how a stream gets misused; a stream is not thread-safe, and a locked instruction per update
    // would cost as much as parsing the update.
    private void Enter()
    {
        if (_busy)
        {
            throw new InvalidOperationException("A prompt stream is read by one caller at a time: finish or stop enumerating before asking for the result.");
        }

        _busy = true;
    }

    private void Exit() => _busy = false;
}
