namespace PromptGen.Language.Values;

/// <summary>The JSON data model used for frontmatter values and render data.</summary>
#if PROMPTGEN_RUNTIME
internal
#else
public
#endif
enum PromptValueKind
{
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}
