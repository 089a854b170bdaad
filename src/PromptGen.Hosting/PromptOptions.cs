using Microsoft.Extensions.AI;

namespace PromptGen.Hosting;

/// <summary>
/// How one prompt is called in this application: each value set here goes over the prompt's frontmatter, and under the
/// options a caller passes to <c>RunAsync</c>. Bound from <c>PromptGen:Defaults</c> and <c>PromptGen:Prompts:{name}</c>.
/// </summary>
public sealed class PromptOptions
{
    /// <summary>The model id sent with the request (<see cref="ChatOptions.ModelId"/>); overrides the frontmatter <c>model</c>.</summary>
    public string? Model { get; set; }

    /// <summary>Sampling temperature, 0 or more.</summary>
    public float? Temperature { get; set; }

    /// <summary>Nucleus sampling: the probability mass to sample from, from 0 to 1.</summary>
    public float? TopP { get; set; }

    /// <summary>Sample from the most likely tokens only: how many, 1 or more.</summary>
    public int? TopK { get; set; }

    /// <summary>The most tokens the answer may have, 1 or more.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Penalty for tokens by how often they already appear, from -2 to 2.</summary>
    public float? FrequencyPenalty { get; set; }

    /// <summary>Penalty for tokens that already appear, from -2 to 2.</summary>
    public float? PresencePenalty { get; set; }

    /// <summary>The seed for sampling, where the provider supports one.</summary>
    public long? Seed { get; set; }

    /// <summary>Sequences that end the answer.</summary>
    public IList<string>? StopSequences { get; set; }

    /// <summary>
    /// When the answer cannot be parsed, ask the model once more, naming the parse error
    /// (<see cref="PromptRunOptions.ReaskOnParseFailure"/>). A caller who sets it to <c>true</c> on a call gets it either way.
    /// </summary>
    public bool? ReaskOnParseFailure { get; set; }

    /// <summary>
    /// The variant to run, by its name in the file name (<c>concise</c> for <c>ClassifyTicket.concise.prompt</c>); <c>base</c>
    /// or empty runs the base prompt. A caller's <see cref="PromptRunOptions.Variant"/> wins over it.
    /// </summary>
    public string? Variant { get; set; }

    /// <summary>
    /// The service key of the <see cref="IChatClient"/> to call (registered with <c>AddKeyedChatClient</c>); unset uses the
    /// unkeyed <see cref="IChatClient"/>.
    /// </summary>
    public string? ChatClientKey { get; set; }

    /// <summary>These options over <paramref name="defaults"/>: each value set here wins; neither is modified.</summary>
    public PromptOptions Over(PromptOptions? defaults)
    {
        if (defaults is null) return this;
        return new PromptOptions
        {
            Model = Model ?? defaults.Model,
            Temperature = Temperature ?? defaults.Temperature,
            TopP = TopP ?? defaults.TopP,
            TopK = TopK ?? defaults.TopK,
            MaxOutputTokens = MaxOutputTokens ?? defaults.MaxOutputTokens,
            FrequencyPenalty = FrequencyPenalty ?? defaults.FrequencyPenalty,
            PresencePenalty = PresencePenalty ?? defaults.PresencePenalty,
            Seed = Seed ?? defaults.Seed,
            StopSequences = StopSequences ?? defaults.StopSequences,
            ReaskOnParseFailure = ReaskOnParseFailure ?? defaults.ReaskOnParseFailure,
            Variant = Variant ?? defaults.Variant,
            ChatClientKey = ChatClientKey ?? defaults.ChatClientKey,
        };
    }

    /// <summary>The chat options these settings ask for; <c>null</c> when they set none.</summary>
    public ChatOptions? ToChatOptions()
    {
        if (Model is null && Temperature is null && TopP is null && TopK is null && MaxOutputTokens is null
            && FrequencyPenalty is null && PresencePenalty is null && Seed is null && StopSequences is null)
        {
            return null;
        }

        return new ChatOptions
        {
            ModelId = Model,
            Temperature = Temperature,
            TopP = TopP,
            TopK = TopK,
            MaxOutputTokens = MaxOutputTokens,
            FrequencyPenalty = FrequencyPenalty,
            PresencePenalty = PresencePenalty,
            Seed = Seed,
            StopSequences = StopSequences is null ? null : new List<string>(StopSequences),
        };
    }
}
