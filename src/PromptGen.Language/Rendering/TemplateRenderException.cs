using PromptGen.Language.Text;

namespace PromptGen.Language.Rendering;

/// <summary>
/// A template failed at run time where the Dotprompt reference runtime throws too (e.g. <c>{{#each}}</c> without an
/// argument, a missing partial). PromptGen's analyzer reports these at build time.
/// </summary>
public sealed class TemplateRenderException : Exception
{
    public TemplateRenderException(string message, string path, SourceSpan span)
        : base(message)
    {
        Path = path;
        Span = span;
    }

    public string Path { get; }

    public SourceSpan Span { get; }
}
