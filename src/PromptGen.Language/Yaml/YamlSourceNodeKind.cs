namespace PromptGen.Language.Yaml;

/// <summary>The shape of a YAML node as written.</summary>
public enum YamlSourceNodeKind
{
    Scalar,
    Mapping,
    Sequence,
}
