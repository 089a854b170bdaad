using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>Runs one variant of a prompt and reports it on the result; used by generated code of prompts with variants.</summary>
public static class PromptVariantRunner
{
    /// <summary>
    /// The body of a generated <c>RunAsync(client, input, variant, ...)</c>: <c>PromptRunner.RunAsync</c> with the
    /// variant's render and options and the prompt's call site naming <paramref name="variant"/> (so capture and telemetry
    /// see which variant ran), then <see cref="PromptResult{T}.Variant"/> set to <paramref name="variant"/>.
    /// </summary>
    /// <typeparam name="TInput">The prompt's input record.</typeparam>
    /// <typeparam name="TOutput">The prompt's output type.</typeparam>
    /// <param name="callSite">The base prompt's call site.</param>
    /// <param name="client">The chat client.</param>
    /// <param name="input">The prompt's input.</param>
    /// <param name="render">The variant's render.</param>
    /// <param name="promptOptions">The variant's chat options.</param>
    /// <param name="options">The caller's options for this call.</param>
    /// <param name="reader">The prompt's output parser.</param>
    /// <param name="variant">The variant's name; <c>null</c> for the base prompt.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The parsed value with the response, usage, every attempt's report, the call id and the variant.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static async Task<PromptResult<TOutput>> RunAsync<TInput, TOutput>(
        Observation.PromptCallSite<TInput, TOutput> callSite,
        IChatClient client,
        TInput input,
        Func<TInput, Rendering.PromptRenderOptions?, IList<ChatMessage>> render,
        ChatOptions promptOptions,
        PromptRunOptions? options,
        PromptOutputReader<TOutput> reader,
        string? variant,
        CancellationToken cancellationToken = default)
        where TInput : class
    {
        if (callSite is null) throw new ArgumentNullException(nameof(callSite));
        var result = await PromptRunner.RunAsync(callSite.ForVariant(variant), client, input, render, promptOptions, options, reader, cancellationToken).ConfigureAwait(false);
        result.Variant = variant;
        return result;
    }

    /// <summary>
    /// The exception for a variant name the prompt does not have (from <see cref="PromptRunOptions.Variant"/>), naming
    /// the ones it has.
    /// </summary>
    /// <param name="promptName">The prompt's name.</param>
    /// <param name="variant">The name that was asked for.</param>
    /// <param name="known">The prompt's variant names.</param>
    /// <returns>The exception to throw.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ArgumentException UnknownVariant(string promptName, string variant, IEnumerable<string> known) =>
        new($"The prompt '{promptName}' has no variant '{variant}'; its variants are: {string.Join(", ", known)} (or none for the base prompt).", nameof(PromptRunOptions.Variant));
}
