using PromptGen.Language.Text;

namespace PromptGen.Language.Rendering;

/// <summary>
/// A template failed at run time where the Dotprompt reference runtime throws too (e.g. <c>{{#each}}</c> without an
/// argument, a missing partial). PromptGen's analyzer reports these at build time.
/// </summary>
public sealed class TemplateRenderException(string message, string path, SourceSpan span) : Exception(message)
{
    public string Path { get; } = path;

    public SourceSpan Span { get; } = span;
}
