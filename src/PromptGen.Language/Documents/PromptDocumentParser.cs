using PromptGen.Language.Diagnostics;
using PromptGen.Language.Metadata;
using PromptGen.Language.Text;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Documents;

/// <summary>
/// Reads <c>.prompt</c> files the way the Dotprompt reference runtime does (frontmatter extraction, YAML, reserved and
/// extension keys, schema conversion) and reports what the reference would silently get wrong. Never throws on bad input.
/// </summary>
public static class PromptDocumentParser
{
    public static PromptDocument Parse(string path, string text, PromptDocumentOptions? options = null)
    {
        path ??= string.Empty;
        text ??= string.Empty;
        var lines = new LineMap(text);
        try
        {
            return ParseCore(path, text, lines, options ?? new PromptDocumentOptions());
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var diagnostic = new PromptDiagnostic(DiagnosticDescriptors.InternalError, path, lines.GetSpan(0, 0),
                $"Internal error while reading the frontmatter ({exception.GetType().Name}: {exception.Message}). Please report this.");
            return new PromptDocument(path, text, lines, 0, text.Length, default, false, PromptMetadata.Empty(path), new[] { diagnostic });
        }
    }

    private static PromptDocument ParseCore(string path, string text, LineMap lines, PromptDocumentOptions options)
    {
        var diagnostics = new List<PromptDiagnostic>();
        var match = FrontmatterExtractor.Match(text);
        if (!match.Success || match.FrontmatterLength == 0)
        {
            // The reference's `if (frontmatter)`: no match or an empty capture means the whole file is the template.
            var warning = FrontmatterDelimiterCheck.Check(path, text, lines, match);
            if (warning is not null) diagnostics.Add(warning);
            var metadata = EmptyMetadata(path, lines, options);
            return new PromptDocument(path, text, lines, 0, text.Length, match, false, metadata, diagnostics);
        }

        var yaml = YamlFrontmatterReader.Read(text, match.FrontmatterStart, match.FrontmatterLength, lines, path);
        diagnostics.AddRange(yaml.Diagnostics);
        if (!yaml.Succeeded)
        {
            // The reference logs the YAML error and renders the whole file, trimmed, as the template.
            JsText.Trim(text, 0, text.Length, out var start, out var end);
            var metadata = EmptyMetadata(path, lines, options);
            return new PromptDocument(path, text, lines, start, end - start, match, false, metadata, Sorted(diagnostics));
        }

        var resolved = PromptMetadata.FromFrontmatter(path, yaml.Root, lines, options.Schemas, options.Tools);
        diagnostics.AddRange(resolved.Diagnostics);
        if (yaml.Root is not null) diagnostics.AddRange(FrontmatterValidator.Validate(path, yaml.Root, resolved));
        JsText.Trim(text, match.BodyStart, text.Length, out var bodyStart, out var bodyEnd);
        return new PromptDocument(path, text, lines, bodyStart, bodyEnd - bodyStart, match, true, resolved, Sorted(diagnostics));
    }

    /// <summary>By position, ties in reporting order (a stable sort); most files have no diagnostics or already ordered ones.</summary>
    private static IReadOnlyList<PromptDiagnostic> Sorted(List<PromptDiagnostic> diagnostics)
    {
        var ordered = true;
        for (var i = 1; i < diagnostics.Count && ordered; i++) ordered = diagnostics[i - 1].Span.Start <= diagnostics[i].Span.Start;
        return ordered ? diagnostics : diagnostics.Select((d, i) => (d, i)).OrderBy(x => x.d.Span.Start).ThenBy(x => x.i).Select(x => x.d).ToList();
    }

    /// <summary>Metadata without frontmatter (the reference's base object), still able to merge caller options later.</summary>
    private static PromptMetadata EmptyMetadata(string path, LineMap lines, PromptDocumentOptions options) =>
        MetadataResolver.Resolve(path, ParsedMetadataBuilder.Base(), null, null, lines, options.Schemas, options.Tools);
}
