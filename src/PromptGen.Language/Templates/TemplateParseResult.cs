using PromptGen.Language.Diagnostics;

namespace PromptGen.Language.Templates;

/// <summary>A parsed template (always present, possibly partial when there are errors) and its PG0201 diagnostics.</summary>
public sealed class TemplateParseResult
{
    internal TemplateParseResult(Template template, IReadOnlyList<PromptDiagnostic> diagnostics)
    {
        Template = template;
        Diagnostics = diagnostics;
    }

    public Template Template { get; }

    public IReadOnlyList<PromptDiagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Count > 0;
}
