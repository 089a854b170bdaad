using PromptGen.Language.Templates;

namespace PromptGen.Language.Rendering;

/// <summary>Finds partials by name for <c>{{> name}}</c>.</summary>
public interface IPartialResolver
{
    /// <summary>The partial, or null when there is none by that name.</summary>
    PartialTemplate? Resolve(string name);
}

/// <summary>A parsed partial.</summary>
public sealed class PartialTemplate
{
    public PartialTemplate(string name, Template template, string path)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Template = template ?? throw new ArgumentNullException(nameof(template));
        Path = path ?? string.Empty;
    }

    public string Name { get; }

    public Template Template { get; }

    /// <summary>The partial's file (empty when it was given as a string).</summary>
    public string Path { get; }

    /// <summary>Syntax errors (PG0201) found when the partial was parsed.</summary>
    public System.Collections.Generic.IReadOnlyList<Diagnostics.PromptDiagnostic> Diagnostics { get; init; } =
        Array.Empty<Diagnostics.PromptDiagnostic>();
}
