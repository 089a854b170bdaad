using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptGen.Generator.Emit;
using PromptGen.Generator.Mapping;
using PromptGen.Generator.Models;
using PromptGen.Generator.Naming;
using PromptGen.Generator.Parsing;
using PromptGen.Language.Diagnostics;
using RoslynDescriptors = PromptGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace PromptGen.Generator;

/// <summary>
/// The functions behind each pipeline step. Each one turns plain values into plain values and turns any unexpected
/// exception into PG9999 on the file at hand, so one broken prompt never stops the others from generating.
/// </summary>
internal static class PromptPipeline
{
    public const string PromptExtension = ".prompt";

    private const string MetadataPrefix = "build_metadata.AdditionalFiles.";
    private const string PropertyPrefix = "build_property.";

    public static bool IsPromptFile(AdditionalText text) =>
        text.Path.EndsWith(PromptExtension, StringComparison.OrdinalIgnoreCase);

    public static ProjectOptions ReadProjectOptions(AnalyzerConfigOptions options) => new(
        Get(options, PropertyPrefix + "RootNamespace") ?? string.Empty,
        Get(options, PropertyPrefix + "ProjectDir") ?? string.Empty,
        Get(options, PropertyPrefix + "PromptGenIntegerType") ?? ProjectOptions.Default.IntegerType,
        Get(options, PropertyPrefix + "PromptGenAccessibility") ?? ProjectOptions.Default.Accessibility);

    public static PromptFileInput ReadPromptFile(AdditionalText text, AnalyzerConfigOptionsProvider optionsProvider, CancellationToken cancellationToken)
    {
        var options = optionsProvider.GetOptions(text);
        var itemOptions = new PromptItemOptions(
            Get(options, MetadataPrefix + "PromptGenClassName"),
            Get(options, MetadataPrefix + "PromptGenNamespace"),
            Get(options, MetadataPrefix + "PromptGenAccessibility"));
        var content = text.GetText(cancellationToken)?.ToString() ?? string.Empty;
        return new PromptFileInput(text.Path, content, itemOptions);
    }

    public static ParsedPrompt Parse(PromptFileInput file, CancellationToken cancellationToken)
    {
        PromptDocumentModel document;
        try
        {
            document = PromptFileParser.Parse(file.Path, file.Text, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            document = new PromptDocumentModel
            {
                Path = file.Path,
                HasFatalErrors = true,
                Diagnostics = new[] { InternalError(file.Path, exception) }.ToEquatableArray(),
            };
        }

        return new ParsedPrompt(document, file.ItemOptions);
    }

    public static NamedPrompt Name(ParsedPrompt parsed, ProjectOptions projectOptions)
    {
        var diagnostics = new List<DiagnosticInfo>();
        PromptIdentity? identity;
        try
        {
            identity = PromptNaming.Resolve(parsed.Document, parsed.ItemOptions, projectOptions, diagnostics);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            identity = null;
            diagnostics.Add(InternalError(parsed.Document.Path, exception));
        }

        return new NamedPrompt(parsed.Document, identity, projectOptions, diagnostics.ToEquatableArray());
    }

    public static CollisionReport FindCollisions(ImmutableArray<PromptIdentity?> identities) =>
        NameCollisions.Find(identities.Where(i => i is not null).Select(i => i!));

    /// <summary>Partials are files named <c>_name.prompt</c>: included by prompts, never prompts of their own.</summary>
    public static bool IsPartialFile(string path)
    {
        var normalized = path.Replace('\\', '/');
        var fileName = normalized.Substring(normalized.LastIndexOf('/') + 1);
        return fileName.StartsWith("_", StringComparison.Ordinal) && fileName.Length > 1 + PromptExtension.Length;
    }

    public static PartialSource ReadPartial(PromptFileInput file)
    {
        var normalized = file.Path.Replace('\\', '/');
        var fileName = normalized.Substring(normalized.LastIndexOf('/') + 1);
        return new PartialSource(fileName.Substring(1, fileName.Length - 1 - PromptExtension.Length), file.Text);
    }

    public static EquatableArray<PartialSource> CollectPartials(ImmutableArray<PartialSource> partials) =>
        partials.OrderBy(p => p.Name, StringComparer.Ordinal).ToEquatableArray();

    public static PromptGenerationResult BuildModel(NamedPrompt named, CollisionReport collisions) => BuildModel(named, collisions, default);

    public static PromptGenerationResult BuildModel(NamedPrompt named, CollisionReport collisions, EquatableArray<PartialSource> partials)
    {
        var document = named.Document;
        var diagnostics = new List<DiagnosticInfo>(document.Diagnostics);
        diagnostics.AddRange(named.NamingDiagnostics);
        if (IsPartialFile(document.Path)) return new PromptGenerationResult(named.Identity, null, EquatableArray<DiagnosticInfo>.Empty);
        if (named.Identity is null || document.HasFatalErrors || collisions.Loses(document.Path))
        {
            return new PromptGenerationResult(named.Identity, null, diagnostics.ToEquatableArray());
        }

        try
        {
            var model = PromptModelBuilder.Build(document, named.Identity, named.ProjectOptions, diagnostics, partials);
            return new PromptGenerationResult(named.Identity, model, diagnostics.ToEquatableArray());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            diagnostics.Add(InternalError(document.Path, exception));
            return new PromptGenerationResult(named.Identity, null, diagnostics.ToEquatableArray());
        }
    }

    public static void Emit(SourceProductionContext context, PromptGenerationResult result)
    {
        foreach (var diagnostic in result.Diagnostics) context.ReportDiagnostic(RoslynDescriptors.ToDiagnostic(diagnostic));
        if (result.Model is null) return;
        string source;
        try
        {
            source = PromptSourceEmitter.Emit(result.Model);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.ReportDiagnostic(RoslynDescriptors.ToDiagnostic(InternalError(result.Model.Identity.Path, exception)));
            return;
        }

        context.AddSource(result.Model.Identity.HintName, source);
    }

    public static void ReportCollisions(SourceProductionContext context, CollisionReport report)
    {
        foreach (var diagnostic in report.Diagnostics) context.ReportDiagnostic(RoslynDescriptors.ToDiagnostic(diagnostic));
    }

    private static DiagnosticInfo InternalError(string path, Exception exception) => DiagnosticInfo.Create(
        DiagnosticDescriptors.InternalError,
        LocationInfo.FileStart(path),
        $"PromptGen failed while processing this file: {exception.GetType().Name}: {exception.Message}");

    private static string? Get(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
