using PromptGen.Language.Diagnostics;

namespace PromptGen.Language.Yaml;

/// <summary>The outcome of reading frontmatter YAML: a tree with positions, or PG0001 diagnostics.</summary>
public sealed class YamlReadResult
{
    internal YamlReadResult(YamlSourceNode? root, IReadOnlyList<PromptDiagnostic> diagnostics)
    {
        Root = root;
        Diagnostics = diagnostics;
    }

    /// <summary>The document's root node; <c>null</c> when the YAML is invalid or the text holds no document (empty or comments only).</summary>
    public YamlSourceNode? Root { get; }

    /// <summary>PG0001 errors (invalid YAML, duplicate keys, excessive aliases or nesting) and PG0003 errors (complex keys).</summary>
    public IReadOnlyList<PromptDiagnostic> Diagnostics { get; }

    /// <summary>True when the text is valid YAML as far as the reference runtime is concerned.</summary>
    public bool Succeeded { get; internal set; }
}
