using Microsoft.Extensions.AI;

namespace PromptGen.Streaming;

/// <summary>
/// A prompt call whose answer streams: enumerate it for partial values as the model writes, then call
/// <see cref="GetResultAsync"/> for the typed result. Partial values only grow; one is yielded only when it changed.
/// The model is called when enumeration or <see cref="GetResultAsync"/> starts, once. A stream can be enumerated once.
/// To abandon a stream without reading the rest, cancel the token given when it was created: that closes the model's
/// stream.
/// </summary>
/// <typeparam name="TPartial">The partial value: the generated <c>PartialOutput</c>, or the text so far (<c>string</c>).</typeparam>
/// <typeparam name="TOutput">The prompt's output type.</typeparam>
public sealed class PromptStream<TPartial, TOutput> : IAsyncEnumerable<TPartial>
{
    private readonly PromptStreamSession<TPartial, TOutput> _session;
    private int _enumerated;

    internal PromptStream(PromptStreamSession<TPartial, TOutput> session) => _session = session;

    /// <summary>The partial values as the answer arrives. Can be called once.</summary>
    /// <param name="cancellationToken">Cancels the call (with the token given when the stream was created).</param>
    /// <exception cref="InvalidOperationException">The stream was already enumerated.</exception>
    public IAsyncEnumerator<TPartial> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) == 1)
        {
            throw new InvalidOperationException("A prompt stream can be enumerated once.");
        }

        return new Enumerator(_session, cancellationToken);
    }

    /// <summary>
    /// The typed result once the answer has ended: the value parsed (and repaired) from the whole answer, the response,
    /// usage and one report per attempt. Reads the rest of the answer first if enumeration stopped early or never
    /// started. When <see cref="PromptRunOptions.ReaskOnParseFailure"/> is set and the answer cannot be parsed, the model
    /// is asked once more (not streamed) and both attempts are reported.
    /// </summary>
    /// <param name="cancellationToken">Cancels reading the rest of the answer and the re-ask.</param>
    /// <exception cref="PromptOutputException">The answer could not be parsed.</exception>
    public Task<PromptResult<TOutput>> GetResultAsync(CancellationToken cancellationToken = default) => _session.GetResultAsync(cancellationToken);

    private sealed class Enumerator : IAsyncEnumerator<TPartial>
    {
        private readonly PromptStreamSession<TPartial, TOutput> _session;
        private readonly CancellationToken _cancellationToken;

        public Enumerator(PromptStreamSession<TPartial, TOutput> session, CancellationToken cancellationToken)
        {
            _session = session;
            _cancellationToken = cancellationToken;
        }

        public TPartial Current => _session.Current;

        public ValueTask<bool> MoveNextAsync() => _session.NextAsync(_cancellationToken);

        // Stopping early leaves the answer to GetResultAsync, which reads the rest.
        public ValueTask DisposeAsync() => default;
    }
}
