using Microsoft.Extensions.AI;

namespace PromptGen.Hosting;

/// <summary>
/// A prompt bound to the chat client it calls and the options it is configured with: what a generated typed prompt
/// client (<c>ClassifyTicketPrompt.Client</c>) runs through. <c>AddPromptGen</c> builds one per client from
/// configuration; tests and applications without dependency injection can build one directly.
/// </summary>
public sealed class PromptBinding
{
    /// <summary>Binds a prompt to <paramref name="chatClient"/> with <paramref name="options"/> (none: the prompt's frontmatter alone).</summary>
    public PromptBinding(IChatClient chatClient, PromptOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        ChatClient = chatClient;
        Options = options ?? new PromptOptions();
        _chatOptions = Options.ToChatOptions();
    }

    private readonly ChatOptions? _chatOptions;

    /// <summary>The chat client the prompt calls.</summary>
    public IChatClient ChatClient { get; }

    /// <summary>The configured options (a prompt's own over the defaults).</summary>
    public PromptOptions Options { get; }

    /// <summary>
    /// The options for one call: the caller's <paramref name="callerOptions"/> over the configured ones, value by value
    /// (chat options merged with <see cref="PromptChatOptions.Merge"/>; the configured variant when the caller names none,
    /// <c>base</c> naming the base prompt; re-ask when either asks for it). The result then goes over the prompt's frontmatter in the generated code.
    /// <paramref name="callerOptions"/> is not modified.
    /// </summary>
    public PromptRunOptions ApplyTo(PromptRunOptions? callerOptions)
    {
        var chatOptions = _chatOptions is null
            ? callerOptions?.ChatOptions
            // Merge never modifies its inputs, but the merged options may be modified by the pipeline: copy the configured ones.
            : PromptChatOptions.Merge(_chatOptions.Clone(), callerOptions?.ChatOptions);
        return new PromptRunOptions
        {
            ChatOptions = chatOptions,
            RenderOptions = callerOptions?.RenderOptions,
            Telemetry = callerOptions?.Telemetry,
            ReaskOnParseFailure = (callerOptions?.ReaskOnParseFailure ?? false) || (Options.ReaskOnParseFailure ?? false),
            Variant = string.IsNullOrEmpty(callerOptions?.Variant) ? VariantOrNull(Options.Variant) : VariantOrNull(callerOptions!.Variant),
        };
    }

    /// <summary>The run-time name of a configured variant: <c>base</c> (any case) and empty mean the base prompt.</summary>
    internal static string? VariantOrNull(string? variant) =>
        string.IsNullOrWhiteSpace(variant) || string.Equals(variant, PromptRegistration.BaseVariant, StringComparison.OrdinalIgnoreCase) ? null : variant;
}
