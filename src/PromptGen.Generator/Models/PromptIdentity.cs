using PromptGen.Language.Naming;

namespace PromptGen.Generator.Models;

/// <summary>The C# names one prompt maps to; compared across files to find collisions (PG0301).</summary>
/// <param name="Path">The <c>.prompt</c> file.</param>
/// <param name="PromptName">The Dotprompt name (frontmatter <c>name</c> or the file name).</param>
/// <param name="Namespace">Namespace of the generated class; empty for the global namespace.</param>
/// <param name="ClassName">The static class, e.g. <c>TriageTicketPrompt</c>.</param>
/// <param name="MethodName">The extension method on <c>IChatClient</c>, e.g. <c>TriageTicketAsync</c>.</param>
/// <param name="Accessibility"><c>public</c> or <c>internal</c>.</param>
/// <param name="Location">Where the name comes from (frontmatter <c>name</c>, <c>csharp.class</c> or the file start).</param>
internal sealed record PromptIdentity(
    string Path,
    string PromptName,
    string Namespace,
    string ClassName,
    string MethodName,
    string Accessibility,
    LocationInfo Location)
{
    public string FullClassName => Namespace.Length == 0 ? ClassName : Namespace + "." + ClassName;

    /// <summary>
    /// Deterministic and unique per generated class: the full name without the <c>@</c> of escaped keywords (a hint name
    /// may not contain it). Roslyn compares hint names ignoring case, so collisions are checked that way (PG0301).
    /// </summary>
    public string HintName => string.Join(".", FullClassName.Split('.').Select(IdentifierNames.Unescape)) + ".g.cs";
}
