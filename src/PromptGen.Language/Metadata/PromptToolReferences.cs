using PromptGen.Language.Text;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Metadata;

/// <summary>A tool name written under frontmatter <c>tools:</c>, with where it is written.</summary>
public readonly struct PromptToolReference(string name, SourceSpan span) : IEquatable<PromptToolReference>
{
    public string Name { get; } = name;

    /// <summary>The list entry in the frontmatter (the diagnostics about this tool point here).</summary>
    public SourceSpan Span { get; } = span;

    public bool Equals(PromptToolReference other) => Name == other.Name && Span.Equals(other.Span);

    public override bool Equals(object? obj) => obj is PromptToolReference other && Equals(other);

    public override int GetHashCode() => unchecked((Name.GetHashCode() * 397) ^ Span.GetHashCode());
}

/// <summary>
/// The tools a prompt declares: the string entries of frontmatter <c>tools:</c>, in order, each once (PG0003 reports
/// entries that are not strings). The one reader of <c>tools:</c> for the generator and the eval checks.
/// </summary>
public static class PromptToolReferences
{
    /// <summary>The declared tools with their frontmatter spans (a later duplicate of a name is ignored).</summary>
    public static IReadOnlyList<PromptToolReference> Of(PromptMetadata metadata)
    {
        if (metadata is null) throw new ArgumentNullException(nameof(metadata));
        var found = new List<PromptToolReference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (metadata.Frontmatter?["tools"] is not { Kind: YamlSourceNodeKind.Sequence } tools) return found;
        foreach (var item in tools.Items)
        {
            if (item.Value.Kind != PromptValueKind.String) continue;
            var name = item.Value.AsString.Trim();
            if (name.Length > 0 && seen.Add(name)) found.Add(new PromptToolReference(name, item.Span));
        }

        return found;
    }

    /// <summary>The declared tool names, in order.</summary>
    public static IReadOnlyList<string> NamesOf(PromptMetadata metadata)
    {
        var references = Of(metadata);
        var names = new string[references.Count];
        for (var i = 0; i < names.Length; i++) names[i] = references[i].Name;
        return names;
    }

    /// <summary>The closest known tool name to a misspelt one, or null.</summary>
    public static string? Suggest(string name, IEnumerable<string> known) => Templates.DidYouMean.Suggest(name, known);
}
