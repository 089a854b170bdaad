using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PromptGen.Generator.Models;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Documents;
using PromptGen.Language.Metadata;
using PromptGen.Language.Schemas;
using PromptGen.Language.Templates;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Parsing;

/// <summary>
/// The single "parse the file" step of the pipeline: <c>.prompt</c> text in, <see cref="PromptDocumentModel"/> out.
/// Runs the language core's front end (frontmatter, YAML, metadata, Picoschema, template syntax) and keeps every
/// diagnostic it reports, located in the file. Partials are checked later, once the project's partials are known.
/// </summary>
internal static class PromptFileParser
{
    private static readonly AsyncLocal<Func<string, string, PromptDocumentModel>?> s_testOverride = new();

    public static PromptDocumentModel Parse(string path, string text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var parse = s_testOverride.Value;
        return parse is not null ? parse(path, text) : ParseCore(path, text);
    }

    /// <summary>Swaps the parser for the current (async) flow, for tests; dispose to restore it.</summary>
    internal static IDisposable OverrideForTesting(Func<string, string, PromptDocumentModel> parse)
    {
        s_testOverride.Value = parse;
        return new Restore();
    }

    /// <summary>The real parser, for tests that override it for some files only.</summary>
    internal static PromptDocumentModel ParseCore(string path, string text)
    {
        var document = PromptDocumentParser.Parse(path, text);
        var metadata = document.Metadata;
        var diagnostics = document.Diagnostics.Select(DiagnosticInfo.FromPromptDiagnostic).ToList();

        var template = TemplateParser.Parse(new TemplateSource(path, text, document.TemplateStart, document.TemplateLength));
        diagnostics.AddRange(template.Diagnostics.Select(DiagnosticInfo.FromPromptDiagnostic));

        LocationInfo? Locate(string dottedPath) =>
            metadata.GetSpan(dottedPath) is { } span ? LocationInfo.FromSpan(path, span) : null;

        var csharp = metadata.Ext["csharp"];
        var config = metadata.Config;
        return new PromptDocumentModel
        {
            Path = path,
            FileText = text,
            Name = metadata.Name,
            NameLocation = Locate("name"),
            Description = metadata.Description,
            Model = metadata.Model,
            Config = config.Properties.Count == 0 ? null : config,
            ConfigLocation = Locate("config"),
            ConfigLocations = config.Properties
                .Select(p => Locate("config." + p.Key) is { } location ? new ConfigLocation(p.Key, location) : null)
                .Where(l => l is not null)
                .Select(l => l!)
                .ToEquatableArray(),
            InputSchema = metadata.InputSchema,
            InputSchemaLocation = Locate("input.schema"),
            InputDefault = metadata.InputDefault,
            OutputSchema = metadata.OutputSchema,
            OutputSchemaLocation = Locate("output.schema"),
            OutputFormat = metadata.OutputFormat,
            ClassOverride = StringOf(csharp, "class"),
            ClassOverrideLocation = Locate("csharp.class"),
            NamespaceOverride = StringOf(csharp, "namespace"),
            IntegerType = StringOf(csharp, "integer"),
            Template = document.Template,
            TemplateOffset = document.TemplateStart,
            ReferencedPartials = TemplateReferences.Partials(template.Template).ToEquatableArray(),
            SchemaLocations = SchemaLocations(path, "input", metadata.InputSchemaConversion)
                .Concat(SchemaLocations(path, "output", metadata.OutputSchemaConversion))
                .ToEquatableArray(),
            Diagnostics = diagnostics.ToEquatableArray(),
            // Without readable frontmatter the file's types are unknown: generating a class would only mislead.
            HasFatalErrors = document.Diagnostics.Any(d => d.Id == DiagnosticDescriptors.InvalidYaml.Id),
        };
    }

    private static IEnumerable<SchemaLocation> SchemaLocations(string path, string section, PicoschemaResult? conversion) =>
        conversion is null
            ? Enumerable.Empty<SchemaLocation>()
            : conversion.Spans
                .OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new SchemaLocation(section, s.Key, LocationInfo.FromSpan(path, s.Value)));

    private static string? StringOf(PromptValue? value, string key) =>
        value?[key] is { Kind: PromptValueKind.String } text ? text.AsString : null;

    private sealed class Restore : IDisposable
    {
        public void Dispose() => s_testOverride.Value = null;
    }
}
