using Microsoft.Extensions.AI;
using PromptGen.Rendering;

namespace PromptGen;

/// <summary>
/// Everything a caller can set for one call of a generated prompt (<c>RunAsync</c> and the <c>IChatClient</c> extension
/// method): the chat options that go over the prompt's own, the render data besides the input, and how the answer is
/// handled. A <see cref="Microsoft.Extensions.AI.ChatOptions"/> converts to it implicitly, so <c>options: chatOptions</c>
/// keeps working.
/// </summary>
public sealed class PromptRunOptions
{
    /// <summary>Chat options for this call; each value set here wins over the prompt's frontmatter (<c>model</c>, <c>config</c>).</summary>
    public ChatOptions? ChatOptions { get; set; }

    /// <summary>History, context data (<c>@</c> variables) and documents for the template.</summary>
    public PromptRenderOptions? RenderOptions { get; set; }

    /// <summary>
    /// When the answer cannot be parsed, ask the model once more, naming the parse error; every attempt is reported on
    /// <see cref="PromptResult{T}"/>. Off by default, so that evals at temperature 0 judge the first answer.
    /// </summary>
    public bool ReaskOnParseFailure { get; set; }

    /// <summary>
    /// Where this call logs repairs and failed parses, and whether its span may carry prompt content; null uses
    /// <see cref="Telemetry.PromptGenTelemetry.DefaultOptions"/>. See the observability docs.
    /// </summary>
    public Telemetry.PromptTelemetryOptions? Telemetry { get; set; }

    /// <summary>
    /// The prompt variant to run, by its name in the file name (<c>concise</c> for <c>Classify.concise.prompt</c>), so it
    /// can come from configuration; <c>null</c> or empty runs the base prompt. A name the prompt does not have throws
    /// <see cref="System.ArgumentException"/>. The typed <c>RunAsync(client, input, variant, ...)</c> overload wins over it.
    /// </summary>
    public string? Variant { get; set; }

    /// <summary>Options for this call's chat request only.</summary>
    public static implicit operator PromptRunOptions(ChatOptions? chatOptions) => new() { ChatOptions = chatOptions };
}
