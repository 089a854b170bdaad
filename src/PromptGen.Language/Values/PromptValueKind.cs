namespace PromptGen.Language.Values;

/// <summary>The JSON data model used for frontmatter values and render data.</summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
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
