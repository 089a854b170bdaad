namespace PromptGen.Hosting;

/// <summary>
/// The <c>PromptGen</c> configuration section: options for every prompt, and per prompt by its name. Validated when the
/// application starts (<see cref="PromptGenServiceCollectionExtensions.AddPromptGen(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>).
/// </summary>
/// <example>
/// <code>
/// "PromptGen": {
///   "Defaults": { "Model": "gpt-4o-mini", "ReaskOnParseFailure": true },
///   "Prompts": { "ClassifyTicket": { "Temperature": 0, "Variant": "concise", "ChatClientKey": "fast" } }
/// }
/// </code>
/// </example>
public sealed class PromptGenOptions
{
    /// <summary>The configuration section <see cref="PromptGenServiceCollectionExtensions.AddPromptGen(Microsoft.Extensions.DependencyInjection.IServiceCollection)"/> binds by default.</summary>
    public const string SectionName = "PromptGen";

    /// <summary>Options for every prompt; a prompt's own options win over them value by value.</summary>
    public PromptOptions Defaults { get; set; } = new();

    /// <summary>Options per prompt, by the prompt's name (its <c>PromptName</c>, compared ignoring case as configuration keys are).</summary>
    public IDictionary<string, PromptOptions> Prompts { get; set; } = new Dictionary<string, PromptOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The options a prompt is called with: its own over <see cref="Defaults"/>.</summary>
    public PromptOptions For(string promptName)
    {
        ArgumentNullException.ThrowIfNull(promptName);
        if (Prompts.TryGetValue(promptName, out var own)) return own.Over(Defaults);
        foreach (var pair in Prompts)
        {
            if (string.Equals(pair.Key, promptName, StringComparison.OrdinalIgnoreCase)) return pair.Value.Over(Defaults);
        }

        return Defaults;
    }
}
