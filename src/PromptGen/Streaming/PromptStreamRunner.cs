using System.ComponentModel;
using Microsoft.Extensions.AI;
using PromptGen.Rendering;

namespace PromptGen.Streaming;

/// <summary>The bodies of generated <c>StreamAsync</c> methods: render now, call the model when the stream is first read.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PromptStreamRunner
{
    /// <summary>
    /// Streams a prompt with a JSON output: renders <paramref name="input"/>, puts the caller's chat options over the
    /// prompt's, and returns a stream whose partial values <paramref name="partial"/> projects from the streamed JSON
    /// (a record output's reader rebuilds only what changed).
    /// </summary>
    /// <typeparam name="TInput">The prompt's input record.</typeparam>
    /// <typeparam name="TPartial">The generated partial output.</typeparam>
    /// <typeparam name="TOutput">The prompt's output type.</typeparam>
    /// <param name="client">The chat client.</param>
    /// <param name="input">The prompt's input.</param>
    /// <param name="render">The prompt's <c>Render</c>.</param>
    /// <param name="promptOptions">The prompt's <c>CreateOptions()</c>.</param>
    /// <param name="options">The caller's options for this call.</param>
    /// <param name="reader">The prompt's output parser, for the final value.</param>
    /// <param name="partial">The generated reader of the output's partial value.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static PromptStream<TPartial, TOutput> StreamJson<TInput, TPartial, TOutput>(
        IChatClient client,
        TInput input,
        Func<TInput, PromptRenderOptions?, IList<ChatMessage>> render,
        ChatOptions promptOptions,
        PromptRunOptions? options,
        PromptOutputReader<TOutput> reader,
        PartialReader<TPartial> partial,
        CancellationToken cancellationToken = default)
        where TInput : class
        where TPartial : class
    {
        if (partial is null) throw new ArgumentNullException(nameof(partial));
        var (messages, chatOptions) = PromptRunner.Prepare(client, input, render, promptOptions, options, reader);
        return new PromptStream<TPartial, TOutput>(new PromptStreamSession<TPartial, TOutput>(
            client, messages, chatOptions, reader, options is { ReaskOnParseFailure: true }, partial.CreateBuilder(), cancellationToken));
    }

    /// <summary>
    /// Streams a prompt with a text output: each partial value is the text so far (the path of
    /// <see cref="StreamJson{TInput, TPartial, TOutput}"/> with the text reader instead of a JSON projection).
    /// </summary>
    /// <typeparam name="TInput">The prompt's input record.</typeparam>
    /// <param name="client">The chat client.</param>
    /// <param name="input">The prompt's input.</param>
    /// <param name="render">The prompt's <c>Render</c>.</param>
    /// <param name="promptOptions">The prompt's <c>CreateOptions()</c>.</param>
    /// <param name="options">The caller's options for this call.</param>
    /// <param name="reader">The prompt's text reader, for the final value.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static PromptStream<string, string> StreamText<TInput>(
        IChatClient client,
        TInput input,
        Func<TInput, PromptRenderOptions?, IList<ChatMessage>> render,
        ChatOptions promptOptions,
        PromptRunOptions? options,
        PromptOutputReader<string> reader,
        CancellationToken cancellationToken = default)
        where TInput : class =>
        StreamJson(client, input, render, promptOptions, options, reader, TextPartialReader.Instance, cancellationToken);

    /// <summary>Streams already rendered messages; for tools (such as the CLI) that have no generated input record.</summary>
    /// <typeparam name="TPartial">The partial value type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="client">The chat client.</param>
    /// <param name="messages">The rendered prompt.</param>
    /// <param name="options">The chat options.</param>
    /// <param name="reader">The output parser, for the final value.</param>
    /// <param name="partial">Projects a streamed JSON value; null streams text (then <typeparamref name="TPartial"/> must be <c>string</c>).</param>
    /// <param name="reaskOnParseFailure">Re-ask once after the stream when the answer cannot be parsed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static PromptStream<TPartial, TOutput> StreamMessages<TPartial, TOutput>(
        IChatClient client,
        IList<ChatMessage> messages,
        ChatOptions? options,
        PromptOutputReader<TOutput> reader,
        Func<StreamingNode, TPartial?>? partial,
        bool reaskOnParseFailure = false,
        CancellationToken cancellationToken = default)
        where TPartial : class
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (messages is null) throw new ArgumentNullException(nameof(messages));
        if (reader is null) throw new ArgumentNullException(nameof(reader));
        PartialBuilder<TPartial> builder = partial is not null
            ? new JsonPartialBuilder<TPartial>(partial)
            : new TextPartialBuilder() as PartialBuilder<TPartial> ?? throw new ArgumentException("A text stream's partial type is string.", nameof(partial));
        return new PromptStream<TPartial, TOutput>(new PromptStreamSession<TPartial, TOutput>(
            client, messages, options, reader, reaskOnParseFailure, builder, cancellationToken));
    }
}
