using System.Collections.Generic;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Documents;
using PromptGen.Language.Templates;

namespace PromptGen.Language.Prompts;

/// <summary>A prompt file parsed once: its document, its template tree and all its diagnostics.</summary>
internal sealed class CompiledPrompt
{
    public CompiledPrompt(PromptDocument document, Template template, IReadOnlyList<PromptDiagnostic> diagnostics)
    {
        Document = document;
        Template = template;
        Diagnostics = diagnostics;
    }

    public PromptDocument Document { get; }

    public Template Template { get; }

    public IReadOnlyList<PromptDiagnostic> Diagnostics { get; }
}
