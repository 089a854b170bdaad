using PromptGen.Language.Values;

namespace PromptGen.Language.Prompts;

/// <summary>Shapes resolved metadata as the reference runtime returns it.</summary>
internal static class ResolvedMetadata
{
    private static readonly string[] s_alwaysPresent = { "ext", "metadata", "config" };

    /// <summary>The reference's base object guarantees <c>ext</c>, <c>metadata</c> and <c>config</c>, even when empty.</summary>
    public static PromptValue Complete(PromptValue metadata)
    {
        if (metadata.Kind != PromptValueKind.Object) metadata = PromptValue.EmptyObject();
        if (s_alwaysPresent.All(key => metadata[key] is not null)) return metadata;
        var properties = s_alwaysPresent
            .Where(key => metadata[key] is null)
            .Select(key => new KeyValuePair<string, PromptValue>(key, PromptValue.EmptyObject()))
            .Concat(metadata.Properties);
        return PromptValue.Object(properties);
    }

    public static PromptValue Without(PromptValue value, string key) =>
        value[key] is null ? value : PromptValue.Object(value.Properties.Where(p => p.Key != key));
}
