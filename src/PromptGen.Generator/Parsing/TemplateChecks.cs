using System;
using System.Collections.Generic;
using System.Linq;
using PromptGen.Generator.Models;
using PromptGen.Language.Binding;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Schemas;
using PromptGen.Language.Text;
using PromptGen.Language.Templates;

namespace PromptGen.Generator.Parsing;

/// <summary>
/// Runs the template analyzer (PG0202, PG0205..PG0208) on prompts and partials once the partials they reach are
/// known. Each file reports only the diagnostics located in itself, so a mistake in a partial is reported once, on
/// the partial, however many prompts include it.
/// </summary>
internal static class TemplateChecks
{
    /// <summary>Analyzer findings in the prompt file (its syntax errors were reported by the parse step).</summary>
    public static IReadOnlyList<DiagnosticInfo> AnalyzePrompt(PromptDocumentModel document, IEnumerable<PartialSource> partials)
    {
        var source = new TemplateSource(document.Path, document.FileText, document.TemplateOffset, document.Template.Length);
        var template = TemplateParser.Parse(source);
        var resolver = new ProjectPartials(partials);
        var found = Own(document.Path, TemplateAnalyzer.Analyze(template.Template, resolver)).ToList();
        if (template.Diagnostics.Count == 0 && document.InputSchema is not null)
        {
            // Type errors depend on this prompt's schema, so the prompt reports them even where they sit in a partial.
            var binding = TemplateBinder.Bind(template.Template, document.InputSchema, resolver, field => LocateInputField(document, field));
            found.AddRange(binding.Diagnostics.Distinct().Select(DiagnosticInfo.FromPromptDiagnostic));
        }

        return found;
    }

    /// <summary>Where a top-level input field is declared (its Picoschema key), as the CLI locates it.</summary>
    private static SourceSpan? LocateInputField(PromptDocumentModel document, string field)
    {
        var pointer = SchemaPointer.Append(SchemaPointer.Append(string.Empty, "properties"), field);
        foreach (var location in document.SchemaLocations)
        {
            if (location.Section != "input" || location.Pointer != pointer) continue;
            var l = location.Location;
            return new SourceSpan(l.Start, l.Start + l.Length, l.StartLine + 1, l.StartColumn + 1, l.EndLine + 1, l.EndColumn + 1);
        }

        return null;
    }

    /// <summary>A partial's syntax errors and analyzer findings, located in the partial file.</summary>
    public static IReadOnlyList<DiagnosticInfo> AnalyzePartial(PartialSource partial, IEnumerable<PartialSource> partials)
    {
        var parsed = ProjectPartials.Parse(partial);
        var findings = TemplateAnalyzer.Analyze(parsed.Template, new ProjectPartials(partials));
        return Own(partial.Path, parsed.Diagnostics.Concat(findings));
    }

    private static IReadOnlyList<DiagnosticInfo> Own(string path, IEnumerable<PromptDiagnostic> diagnostics) =>
        diagnostics
            .Where(d => string.Equals(d.Path, path, StringComparison.Ordinal))
            .Distinct()
            .Select(DiagnosticInfo.FromPromptDiagnostic)
            .ToList();
}
