using PromptGen.Language.Values;

namespace PromptGen.Language.Metadata;

/// <summary>
/// Turns the frontmatter's YAML value into the reference's parsed prompt (minus its template): reserved keys copied,
/// dotted keys gathered into <c>ext</c> (split at the last dot), the whole frontmatter kept as <c>raw</c>.
/// </summary>
internal static class ParsedMetadataBuilder
{
    /// <summary>What the reference yields without frontmatter, or when the YAML is invalid.</summary>
    public static PromptValue Base() => PromptValue.Object(
        ("ext", PromptValue.EmptyObject()),
        ("metadata", PromptValue.EmptyObject()),
        ("config", PromptValue.EmptyObject()));

    public static PromptValue Build(PromptValue? frontmatter)
    {
        // `{ ...parsed }`: null gives {}, a string its characters, a list its items by index.
        var raw = JsObject.Create(JsObject.Spread(frontmatter));
        var pruned = new List<KeyValuePair<string, PromptValue>>(Base().Properties);
        var namespaces = new List<string>();
        var extFields = new Dictionary<string, List<KeyValuePair<string, PromptValue>>>();
        foreach (var property in raw.Properties)
        {
            var key = property.Key;
            if (FrontmatterKeys.IsReserved(key))
            {
                pruned.Add(property);
            }
            else if (FrontmatterKeys.IsExtension(key))
            {
                var lastDot = key.LastIndexOf('.');
                var ns = key.Substring(0, lastDot);
                if (!extFields.TryGetValue(ns, out var fields))
                {
                    fields = new List<KeyValuePair<string, PromptValue>>();
                    extFields[ns] = fields;
                    namespaces.Add(ns);
                }

                fields.Add(new KeyValuePair<string, PromptValue>(key.Substring(lastDot + 1), property.Value));
            }
        }

        var ext = JsObject.Create(namespaces.Select(ns => new KeyValuePair<string, PromptValue>(ns, JsObject.Create(extFields[ns]))));
        pruned.Add(new KeyValuePair<string, PromptValue>("raw", raw));
        pruned.Add(new KeyValuePair<string, PromptValue>("ext", ext));
        return JsObject.Create(pruned);
    }
}
