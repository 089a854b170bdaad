using PromptGen.Language.Values;

namespace PromptGen.Language.Rendering;

/// <summary>What a template is rendered with, as in Dotprompt's <c>DataArgument</c>.</summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
sealed class RenderData
{
    /// <summary>The input variables: the template's root context (<c>{{name}}</c>, <c>@root</c>).</summary>
    public PromptValue? Input { get; init; }

    /// <summary>Extra data variables: each key <c>k</c> is available as <c>@k</c> (e.g. <c>@state</c>, <c>@auth</c>).</summary>
    public PromptValue? Context { get; init; }

    /// <summary>Conversation history, placed by <c>{{history}}</c> or inserted before the last user message.</summary>
    public IReadOnlyList<PromptMessage>? Messages { get; init; }

    /// <summary>Retrieved documents, available as <c>@metadata.docs</c>.</summary>
    public PromptValue? Docs { get; init; }

    /// <summary>The prompt's resolved metadata, available as <c>@metadata.prompt</c>.</summary>
    public PromptValue? PromptMetadata { get; init; }
}
