using PromptGen.Language.Text;

namespace PromptGen.Language.Yaml;

/// <summary>One <c>key: value</c> pair of a YAML mapping, with the key as JavaScript sees it and where it was written.</summary>
public sealed class YamlSourceEntry(string key, SourceSpan keySpan, YamlSourceNode value)
{
    /// <summary>The key as a JavaScript property name (<c>1</c> becomes <c>"1"</c>, <c>null</c> becomes <c>""</c>).</summary>
    public string Key { get; } = key;

    /// <summary>Where the key is written in the <c>.prompt</c> file.</summary>
    public SourceSpan KeySpan { get; } = keySpan;

    public YamlSourceNode Value { get; } = value;
}
