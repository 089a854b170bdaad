using System;
using System.Collections.Generic;
using PromptGen.Language.Binding;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Documents;
using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;
using PromptGen.Language.Text;

namespace PromptGen.Language.Prompts;

/// <summary>Finds every problem in a prompt or partial file: frontmatter, schemas, template syntax and template use.</summary>
public static class PromptChecker
{
    /// <summary>All diagnostics of a <c>.prompt</c> file, in reading order, without duplicates.</summary>
    public static IReadOnlyList<PromptDiagnostic> Check(string path, string text, PromptEnvironment? environment = null)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        return Guarded(path, text, () => Compile(path, text, environment ?? PromptEnvironment.Empty).Diagnostics);
    }

    /// <summary>
    /// All diagnostics of a partial file (<c>_name.prompt</c>). A partial is template text only,
    /// as in the reference runtime, so it is checked as a template from its first character.
    /// </summary>
    public static IReadOnlyList<PromptDiagnostic> CheckPartial(string path, string text, IPartialResolver? partials = null)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        return Guarded(path, text, () =>
        {
            var parsed = TemplateParser.Parse(new TemplateSource(path, text, 0, text.Length));
            var diagnostics = new List<PromptDiagnostic>(parsed.Diagnostics);
            diagnostics.AddRange(TemplateAnalyzer.Analyze(parsed.Template, partials));
            return diagnostics;
        });
    }

    /// <summary>Parses the document and its template once, collecting the diagnostics of every pass.</summary>
    internal static CompiledPrompt Compile(string path, string text, PromptEnvironment environment)
    {
        var document = ParseDocument(path, text, environment);
        var parsed = TemplateParser.Parse(new TemplateSource(path, text, document.TemplateStart, document.TemplateLength));
        var diagnostics = new List<PromptDiagnostic>(document.Diagnostics);
        diagnostics.AddRange(parsed.Diagnostics);
        diagnostics.AddRange(TemplateAnalyzer.Analyze(parsed.Template, environment.Partials));

        // Type checking needs a well-formed template; the build runs the same binder (PG0203, PG0204, PG0209).
        if (parsed.Diagnostics.Count == 0) diagnostics.AddRange(TemplateBinder.Bind(document, parsed.Template, environment.Partials).Diagnostics);
        return new CompiledPrompt(document, parsed.Template, DiagnosticOrdering.Normalize(diagnostics));
    }

    internal static PromptDocument ParseDocument(string path, string text, PromptEnvironment environment) =>
        PromptDocumentParser.Parse(path, text, new PromptDocumentOptions { Schemas = environment.Schemas, Tools = environment.Tools });

    /// <summary>A checker never throws at its caller: an unexpected failure becomes PG9999 at the start of the file.</summary>
    private static IReadOnlyList<PromptDiagnostic> Guarded(string path, string text, Func<IEnumerable<PromptDiagnostic>> check)
    {
        try
        {
            return DiagnosticOrdering.Normalize(check());
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var span = new LineMap(text).GetSpan(0, 0);
            return new[]
            {
                new PromptDiagnostic(DiagnosticDescriptors.InternalError, path, span,
                    $"Internal error while checking this file: {exception.GetType().Name}: {exception.Message}"),
            };
        }
    }
}
