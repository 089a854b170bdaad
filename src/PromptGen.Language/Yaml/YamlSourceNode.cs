using PromptGen.Language.Text;
using PromptGen.Language.Values;

namespace PromptGen.Language.Yaml;

/// <summary>
/// A parsed YAML node: its JSON value plus where it is written in the <c>.prompt</c> file, so later checks (schemas,
/// defaults, generated code) can point at the exact line and column. Alias nodes share their anchor's value and children
/// but carry the alias's own span.
/// </summary>
public sealed class YamlSourceNode
{
    private static readonly IReadOnlyList<YamlSourceEntry> s_noEntries = Array.Empty<YamlSourceEntry>();
    private static readonly IReadOnlyList<YamlSourceNode> s_noItems = Array.Empty<YamlSourceNode>();

    internal YamlSourceNode(
        YamlSourceNodeKind kind,
        PromptValue value,
        SourceSpan span,
        IReadOnlyList<YamlSourceEntry>? entries,
        IReadOnlyList<YamlSourceNode>? items,
        long expandedSize,
        bool isAlias)
    {
        Kind = kind;
        Value = value;
        Span = span;
        Entries = entries ?? s_noEntries;
        Items = items ?? s_noItems;
        ExpandedSize = expandedSize;
        IsAlias = isAlias;
    }

    public YamlSourceNodeKind Kind { get; }

    /// <summary>The node's value, typed by YAML 1.2's core schema, with JavaScript object key order.</summary>
    public PromptValue Value { get; }

    /// <summary>Where the node is written in the <c>.prompt</c> file.</summary>
    public SourceSpan Span { get; }

    /// <summary>Mapping entries in source order (a repeated key appears once per occurrence).</summary>
    public IReadOnlyList<YamlSourceEntry> Entries { get; }

    /// <summary>Sequence items in source order.</summary>
    public IReadOnlyList<YamlSourceNode> Items { get; }

    /// <summary>True when this node is an alias (<c>*name</c>) of an anchored node.</summary>
    public bool IsAlias { get; }

    /// <summary>Number of nodes in this subtree once aliases are expanded.</summary>
    internal long ExpandedSize { get; }

    /// <summary>The entry for <paramref name="key"/> (the last one if repeated, as in JavaScript), or <c>null</c>.</summary>
    public YamlSourceEntry? FindEntry(string key)
    {
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(Entries[i].Key, key, StringComparison.Ordinal)) return Entries[i];
        }

        return null;
    }

    /// <summary>The value node for <paramref name="key"/>, or <c>null</c>.</summary>
    public YamlSourceNode? this[string key] => FindEntry(key)?.Value;

    /// <summary>The sequence item at <paramref name="index"/>, or <c>null</c>.</summary>
    public YamlSourceNode? this[int index] => index >= 0 && index < Items.Count ? Items[index] : null;
}
