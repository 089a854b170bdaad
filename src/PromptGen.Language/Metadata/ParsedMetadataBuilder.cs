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
        // `{ ...parsed }`: null gives {}, a string its characters, a list its items by index. An object read from YAML is
        // already in JavaScript's key order, so its copy would be equal to it: it is used as it is.
        var raw = frontmatter is { Kind: PromptValueKind.Object } ? frontmatter : JsObject.Create(JsObject.Spread(frontmatter));

        // The base object's keys first (ext, metadata, config), as in Base(); a later "ext" or "config" keeps that position.
        var pruned = new List<KeyValuePair<string, PromptValue>>(raw.Properties.Count + 5)
        {
            new("ext", PromptValue.EmptyObject()),
            new("metadata", PromptValue.EmptyObject()),
            new("config", PromptValue.EmptyObject()),
        };
        List<string>? namespaces = null;
        Dictionary<string, List<KeyValuePair<string, PromptValue>>>? extFields = null;
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
                extFields ??= new Dictionary<string, List<KeyValuePair<string, PromptValue>>>();
                namespaces ??= new List<string>();
                if (!extFields.TryGetValue(ns, out var fields))
                {
                    fields = new List<KeyValuePair<string, PromptValue>>();
                    extFields[ns] = fields;
                    namespaces.Add(ns);
                }

                fields.Add(new KeyValuePair<string, PromptValue>(key.Substring(lastDot + 1), property.Value));
            }
        }

        var ext = new List<KeyValuePair<string, PromptValue>>(namespaces?.Count ?? 0);
        if (namespaces is not null)
        {
            foreach (var ns in namespaces) ext.Add(new KeyValuePair<string, PromptValue>(ns, JsObject.CreateOwned(extFields![ns])));
        }

        pruned.Add(new KeyValuePair<string, PromptValue>("raw", raw));
        pruned.Add(new KeyValuePair<string, PromptValue>("ext", JsObject.CreateOwned(ext)));
        return JsObject.CreateOwned(pruned);
    }
}
