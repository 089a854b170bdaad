using System.Collections.Generic;
using System.Linq;
using PromptGen.Language.Values;

namespace PromptGen.Language.Prompts;

/// <summary>
/// The last steps the reference runtime applies to merged metadata: the <c>ext</c>, <c>metadata</c> and
/// <c>config</c> objects are always present, and tools registered in the environment move from
/// <c>tools</c> to <c>toolDefs</c>.
/// </summary>
internal static class ResolvedMetadata
{
    private static readonly string[] s_alwaysPresent = { "ext", "metadata", "config" };

    public static PromptValue Complete(PromptValue metadata, PromptEnvironment environment)
    {
        if (metadata.Kind != PromptValueKind.Object) metadata = PromptValue.EmptyObject();
        var properties = new List<KeyValuePair<string, PromptValue>>();
        foreach (var key in s_alwaysPresent)
        {
            if (metadata[key] is null) properties.Add(new KeyValuePair<string, PromptValue>(key, PromptValue.EmptyObject()));
        }

        properties.AddRange(metadata.Properties);
        return ResolveTools(PromptValue.Object(properties), environment);
    }

    public static PromptValue Without(PromptValue value, string key) =>
        value[key] is null ? value : PromptValue.Object(value.Properties.Where(p => p.Key != key));

    /// <summary>
    /// As the reference: when <c>tools</c> is present, <c>toolDefs</c> gains the registered definitions
    /// (and exists even when empty) and <c>tools</c> keeps only the names nobody registered.
    /// </summary>
    private static PromptValue ResolveTools(PromptValue metadata, PromptEnvironment environment)
    {
        var tools = metadata["tools"];
        if (tools is not { Kind: PromptValueKind.Array }) return metadata;

        var definitions = new List<PromptValue>(metadata["toolDefs"]?.Items ?? new PromptValue[0]);
        var unregistered = new List<PromptValue>();
        foreach (var tool in tools.Items)
        {
            if (tool.Kind == PromptValueKind.String && environment.Tools is { } registry &&
                registry.TryGetValue(tool.AsString, out var definition))
            {
                definitions.Add(definition);
            }
            else
            {
                unregistered.Add(tool);
            }
        }

        return metadata.With("toolDefs", PromptValue.Array(definitions)).With("tools", PromptValue.Array(unregistered));
    }
}
