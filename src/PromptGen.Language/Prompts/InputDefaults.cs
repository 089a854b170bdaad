using PromptGen.Language.Values;

namespace PromptGen.Language.Prompts;

/// <summary>
/// Builds the template's root data from the caller's input and the <c>input.default</c> values.
/// The reference runtime spreads only the caller-option defaults under the input
/// (<c>{...options.input.default, ...data.input}</c>); PromptGen also applies the frontmatter's
/// <c>input.default</c>, underneath both, as the Dotprompt documentation promises.
/// </summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
static class InputDefaults
{
    public static PromptValue? Apply(PromptValue? frontmatterDefaults, PromptValue? optionDefaults, PromptValue? input)
    {
        var hasDefaults = IsObject(frontmatterDefaults) || IsObject(optionDefaults);
        if (!hasDefaults) return input;

        // Like a JavaScript object spread: later layers win key by key, first occurrence keeps its position.
        var merged = new List<KeyValuePair<string, PromptValue>>();
        AddLayer(merged, frontmatterDefaults);
        AddLayer(merged, optionDefaults);
        AddLayer(merged, input);
        return PromptValue.Object(merged);
    }

    private static bool IsObject(PromptValue? value) => value is { Kind: PromptValueKind.Object };

    private static void AddLayer(List<KeyValuePair<string, PromptValue>> merged, PromptValue? layer)
    {
        if (!IsObject(layer)) return;
        merged.AddRange(layer!.Properties);
    }
}
