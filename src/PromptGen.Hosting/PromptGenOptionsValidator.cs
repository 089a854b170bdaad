using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PromptGen.Hosting;

/// <summary>
/// Checks <see cref="PromptGenOptions"/> against the prompts the application has: every failure names the configuration
/// key it is about (<c>PromptGen:Prompts:ClassifyTicket:Temperature</c>), so start-up says what to fix and where.
/// </summary>
internal sealed class PromptGenOptionsValidator : IValidateOptions<PromptGenOptions>
{
    private readonly Dictionary<string, PromptRegistration> _prompts = new(StringComparer.OrdinalIgnoreCase);
    private readonly IServiceProviderIsKeyedService? _keyedServices;
    private readonly string _prefix;

    public PromptGenOptionsValidator(IEnumerable<PromptRegistration> prompts, IServiceProviderIsKeyedService? keyedServices, string sectionPath)
    {
        foreach (var prompt in prompts) _prompts[prompt.PromptName] = prompt;
        _keyedServices = keyedServices;
        _prefix = sectionPath.Length == 0 ? string.Empty : sectionPath + ":";
    }

    public ValidateOptionsResult Validate(string? name, PromptGenOptions options)
    {
        var failures = new List<string>();
        var defaultsKey = _prefix + nameof(PromptGenOptions.Defaults);
        CheckValues(options.Defaults, defaultsKey, failures);
        if (!string.IsNullOrEmpty(PromptBinding.VariantOrNull(options.Defaults.Variant)))
        {
            failures.Add($"{defaultsKey}:{nameof(PromptOptions.Variant)}: a variant belongs to one prompt; set it under {_prefix}{nameof(PromptGenOptions.Prompts)}:<name>:{nameof(PromptOptions.Variant)}.");
        }

        foreach (var pair in options.Prompts)
        {
            var key = $"{_prefix}{nameof(PromptGenOptions.Prompts)}:{pair.Key}";
            if (!_prompts.TryGetValue(pair.Key, out var prompt))
            {
                failures.Add(_prompts.Count == 0
                    ? $"{key}: there is no prompt named '{pair.Key}': no prompts are registered (call the generated Add…Prompts() method on AddPromptGen())."
                    : $"{key}: there is no prompt named '{pair.Key}'. Known prompts: {string.Join(", ", _prompts.Keys.OrderBy(k => k, StringComparer.Ordinal))}.");
                continue;
            }

            if (pair.Value is null) continue;
            CheckValues(pair.Value, key, failures);
            if (PromptBinding.VariantOrNull(pair.Value.Variant) is { } variant
                && !prompt.VariantNames.Contains(variant, StringComparer.Ordinal))
            {
                failures.Add(prompt.VariantNames.Count == 0
                    ? $"{key}:{nameof(PromptOptions.Variant)}: the prompt '{prompt.PromptName}' has no variants, so '{variant}' cannot run (use '{PromptRegistration.BaseVariant}' or leave it unset)."
                    : $"{key}:{nameof(PromptOptions.Variant)}: the prompt '{prompt.PromptName}' has no variant '{variant}'. Its variants: {PromptRegistration.BaseVariant}, {string.Join(", ", prompt.VariantNames)}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void CheckValues(PromptOptions options, string key, List<string> failures)
    {
        if (options.Temperature is { } temperature && !(temperature >= 0)) failures.Add(Bad(key, nameof(PromptOptions.Temperature), temperature, "must be 0 or more"));
        if (options.TopP is { } topP && !(topP >= 0 && topP <= 1)) failures.Add(Bad(key, nameof(PromptOptions.TopP), topP, "must be from 0 to 1"));
        if (options.TopK is { } topK && topK < 1) failures.Add(Bad(key, nameof(PromptOptions.TopK), topK, "must be 1 or more"));
        if (options.MaxOutputTokens is { } maxTokens && maxTokens < 1) failures.Add(Bad(key, nameof(PromptOptions.MaxOutputTokens), maxTokens, "must be 1 or more"));
        if (options.FrequencyPenalty is { } frequency && !(frequency >= -2 && frequency <= 2)) failures.Add(Bad(key, nameof(PromptOptions.FrequencyPenalty), frequency, "must be from -2 to 2"));
        if (options.PresencePenalty is { } presence && !(presence >= -2 && presence <= 2)) failures.Add(Bad(key, nameof(PromptOptions.PresencePenalty), presence, "must be from -2 to 2"));
        if (options.Model is { } model && string.IsNullOrWhiteSpace(model)) failures.Add($"{key}:{nameof(PromptOptions.Model)}: a model id cannot be blank; remove the key to use the prompt's own model.");
        if (!string.IsNullOrEmpty(options.ChatClientKey) && _keyedServices is not null
            && !_keyedServices.IsKeyedService(typeof(IChatClient), options.ChatClientKey))
        {
            failures.Add($"{key}:{nameof(PromptOptions.ChatClientKey)}: no IChatClient is registered with the key '{options.ChatClientKey}' (register one with AddKeyedChatClient).");
        }
    }

    private static string Bad(string key, string property, IFormattable value, string rule) =>
        $"{key}:{property} is {value.ToString(null, CultureInfo.InvariantCulture)}; it {rule}.";
}
