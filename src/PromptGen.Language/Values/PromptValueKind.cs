namespace PromptGen.Language.Values;

/// <summary>The JSON data model used for frontmatter values and render data.</summary>
public enum PromptValueKind
{
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}
