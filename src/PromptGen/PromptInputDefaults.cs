using System.ComponentModel;
using PromptGen.Language.Prompts;
using PromptGen.Language.Values;

namespace PromptGen;

/// <summary>
/// Applies a prompt's <c>input.default</c> to an untyped input exactly as the run-time renderer does (the same
/// code: defaults underneath the input, key by key). Generated code for prompts without an input schema calls it;
/// typed inputs get their defaults from generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PromptInputDefaults
{
    /// <summary>The input with <paramref name="defaults"/> underneath it.</summary>
    /// <param name="defaults">The frontmatter's <c>input.default</c>, as a template value (<c>TemplateRuntime.FromJson</c>).</param>
    /// <param name="input">The caller's input, as a template value.</param>
    /// <returns>The template value to render.</returns>
    public static object? Apply(object? defaults, object? input) => InputDefaults.Apply(defaults as PromptValue, null, Rendering.JsonInputValues.Materialize(input) as PromptValue);
}
