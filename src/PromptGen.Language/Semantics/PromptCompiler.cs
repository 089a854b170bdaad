using PromptGen.Language.Binding;
using PromptGen.Language.Collections;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Documents;
using PromptGen.Language.Evals;
using PromptGen.Language.Prompts;
using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;
using PromptGen.Language.Text;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Semantics;

/// <summary>
/// The one compile driver. The source generator calls <see cref="Parse"/> and <see cref="Analyze"/> inside its
/// incremental steps; the CLI (<c>check</c>, <c>render</c>, <c>parse</c>, <c>eval</c>) and the eval runner call them
/// through <see cref="PromptProject"/>. The same files give the same diagnostics everywhere because there is only
/// this path. Nothing here throws at its caller on bad input.
/// </summary>
public static class PromptCompiler
{
    /// <summary>Reads a <c>.prompt</c> file: frontmatter, metadata, schema conversion, template syntax.</summary>
    public static ParsedPromptFile Parse(string path, string text, PromptDocumentOptions? options = null)
    {
        var document = PromptDocumentParser.Parse(path, text, options);
        var template = TemplateParser.Parse(new TemplateSource(document.Path, document.Text, document.TemplateStart, document.TemplateLength, document.Lines));
        var diagnostics = new List<PromptDiagnostic>(document.Diagnostics.Count + template.Diagnostics.Count);
        diagnostics.AddRange(document.Diagnostics);
        diagnostics.AddRange(template.Diagnostics);
        return new ParsedPromptFile(document, template, PartialReferences.Of(template.Template), diagnostics);
    }

    /// <summary>Parses a partial file: its whole text is its template.</summary>
    public static PartialTemplate ParsePartial(PartialFile file)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        var result = TemplateParser.Parse(new TemplateSource(file.Path, file.Text, 0, file.Text.Length));
        return new PartialTemplate(file.Name, result.Template, file.Path) { Diagnostics = result.Diagnostics };
    }

    /// <summary>
    /// Builds a prompt's semantics: the normalized schemas (PG0105, PG0401), the template checks (PG0202, PG0205–PG0208,
    /// located in the prompt itself: a partial's own mistakes are reported once, on the partial) and the binding
    /// (PG0203, PG0204, PG0209, reported by the prompt even where they sit in a partial, since they depend on its schema).
    /// </summary>
    public static PromptSemantics Analyze(ParsedPromptFile parsed, IPartialResolver? partials = null, CancellationToken cancellationToken = default)
    {
        if (parsed is null) throw new ArgumentNullException(nameof(parsed));
        partials ??= PartialCatalog.Empty;
        var path = parsed.Path;
        var metadata = parsed.Document.Metadata;
        var diagnostics = new List<PromptDiagnostic>(parsed.Diagnostics);
        try
        {
            SchemaNode? input = null;
            if (metadata.InputSchema is not null)
            {
                input = SchemaReader.Read(metadata.InputSchema, path, "input.schema", metadata.InputSchemaConversion, metadata.GetSpan("input.schema"),
                    diagnostics, metadata.InputDefault);
                CheckInputDefault(parsed, input, diagnostics);
                if (input.IsScalar || input.Kind == SchemaKind.Array)
                {
                    var span = metadata.GetSpan("input.schema") ?? new LineMap(parsed.Text).GetSpan(0, 0);
                    diagnostics.Add(new PromptDiagnostic(DiagnosticDescriptors.SchemaHasNoCSharpType, path, span,
                        "input.schema is not an object with properties; a template can only address named fields, so the Input record has no fields."));
                }
            }

            var isText = metadata.OutputSchema is null || string.Equals(metadata.OutputFormat, "text", StringComparison.Ordinal);
            var output = isText
                ? null
                : SchemaReader.Read(metadata.OutputSchema, path, "output.schema", metadata.OutputSchemaConversion, metadata.GetSpan("output.schema"), diagnostics);

            TemplateBinding? binding = null;
            var template = parsed.Template.Template;
            diagnostics.AddRange(TemplateAnalyzer.Analyze(template, partials, cancellationToken).Where(d => string.Equals(d.Path, path, StringComparison.Ordinal)));
            if (!parsed.Template.HasErrors)
            {
                binding = TemplateBinder.Bind(template, input, partials, cancellationToken: cancellationToken);
                diagnostics.AddRange(binding.Diagnostics);
            }

            return new PromptSemantics(parsed, NameOf(parsed), input, output, isText, binding, partials, DiagnosticOrdering.Normalize(diagnostics));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException and not OperationCanceledException)
        {
            diagnostics.Add(InternalError(path, parsed.Text, exception));
            return new PromptSemantics(parsed, NameOf(parsed), null, null, true, null, partials, DiagnosticOrdering.Normalize(diagnostics));
        }
    }

    /// <summary>Parses and analyzes a prompt in one call.</summary>
    public static PromptSemantics Compile(string path, string text, IPartialResolver? partials = null, PromptDocumentOptions? options = null) =>
        Analyze(Parse(path, text, options), partials);

    /// <summary>A partial's own diagnostics: syntax and the untyped template checks, located in the partial file.</summary>
    public static IReadOnlyList<PromptDiagnostic> CheckPartial(PartialTemplate partial, IPartialResolver? partials = null)
    {
        if (partial is null) throw new ArgumentNullException(nameof(partial));
        try
        {
            var found = partial.Diagnostics.Concat(TemplateAnalyzer.Analyze(partial.Template, partials ?? PartialCatalog.Empty));
            return DiagnosticOrdering.Normalize(found.Where(d => string.Equals(d.Path, partial.Path, StringComparison.Ordinal)));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException and not OperationCanceledException)
        {
            return new[] { InternalError(partial.Path, partial.Template.Source.FileText, exception) };
        }
    }

    /// <summary>
    /// An eval file's diagnostics (PG0501–PG0506, and its own YAML problems) against the prompt it tests, or
    /// PG0501 when <paramref name="prompt"/> is null (<paramref name="siblingPrompts"/> feed the suggestion).
    /// </summary>
    public static IReadOnlyList<PromptDiagnostic> CheckEval(EvalFile file, PromptContext? prompt, IEnumerable<string>? siblingPrompts = null)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        try
        {
            return EvalChecker.Check(file, prompt, siblingPrompts);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException and not OperationCanceledException)
        {
            return new[] { new PromptDiagnostic(DiagnosticDescriptors.InternalError, file.Path, new SourceSpan(0, 0, 1, 1, 1, 1), InternalErrorMessage(exception)) };
        }
    }

    /// <summary>The prompt's name: frontmatter <c>name</c>, else the file name without <c>.prompt</c>.</summary>
    public static string NameOf(ParsedPromptFile parsed)
    {
        if (parsed.Document.Metadata.Name is { Length: > 0 } name) return name;
        var fileName = PortablePath.FileName(parsed.Path);
        return fileName.EndsWith(PartialFile.Extension, StringComparison.OrdinalIgnoreCase)
            ? fileName.Substring(0, fileName.Length - PartialFile.Extension.Length)
            : fileName;
    }

    /// <summary>PG0401: <c>input.default</c> values must fit the input schema (a partial object: required fields are not checked).</summary>
    private static void CheckInputDefault(ParsedPromptFile parsed, SchemaNode input, List<PromptDiagnostic> diagnostics)
    {
        var metadata = parsed.Document.Metadata;
        var defaultsNode = metadata.Frontmatter?["input"]?["default"];
        if (defaultsNode is null || defaultsNode.Value.Kind != PromptValueKind.Object) return;
        if (metadata.InputSchemaConversion?.Diagnostics.Any(d => d.Severity == PromptDiagnosticSeverity.Error) == true) return;
        foreach (var mismatch in SchemaValidator.Validate(defaultsNode.Value, input, checkRequired: false))
        {
            var span = LocateValue(defaultsNode, mismatch.Path, mismatch.AtKey) ?? defaultsNode.Span;
            var subject = mismatch.Path.Count == 0 ? "the value" : "`" + string.Join(".", mismatch.Path) + "`";
            var message = mismatch.Kind == SchemaMismatchKind.UndeclaredProperty
                ? UndeclaredFieldMessage(mismatch.Path, mismatch.DeclaredNames)
                : mismatch.Describe(subject) + ".";
            diagnostics.Add(new PromptDiagnostic(DiagnosticDescriptors.InvalidInputDefault, parsed.Path, span, $"input.default: {message}"));
        }
    }

    private static string UndeclaredFieldMessage(IReadOnlyList<string> path, IReadOnlyList<string> known)
    {
        var suggestion = DidYouMean.Suggest(path[path.Count - 1], known);
        return $"`{string.Join(".", path)}` is not a field of the schema" +
            (suggestion is not null ? $"; did you mean `{suggestion}`?" : known.Count > 0 ? $" (fields: {string.Join(", ", known)})." : ", which allows no fields.");
    }

    private static SourceSpan? LocateValue(YamlSourceNode node, IReadOnlyList<string> path, bool atKey)
    {
        SourceSpan? keySpan = null;
        foreach (var segment in path)
        {
            if (node.Kind == YamlSourceNodeKind.Sequence && int.TryParse(segment, out var index) && node[index] is { } item)
            {
                node = item;
                keySpan = item.Span;
                continue;
            }

            var entry = node.FindEntry(segment);
            if (entry is null) return keySpan ?? node.Span;
            node = entry.Value;
            keySpan = entry.KeySpan;
        }

        return atKey ? keySpan : node.Span;
    }

    private static PromptDiagnostic InternalError(string path, string text, Exception exception) =>
        new(DiagnosticDescriptors.InternalError, path, new LineMap(text ?? string.Empty).GetSpan(0, 0), InternalErrorMessage(exception));

    private static string InternalErrorMessage(Exception exception) =>
        $"Internal error while checking this file: {exception.GetType().Name}: {exception.Message}";
}
