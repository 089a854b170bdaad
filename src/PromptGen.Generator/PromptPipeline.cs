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

    /// <summary>A <c>.prompt</c> file that is not a partial: one generated class each.</summary>
    public static bool IsPromptFile(AdditionalText text) =>
        text.Path.EndsWith(PromptExtension, StringComparison.OrdinalIgnoreCase) && !FileName(text.Path).StartsWith("_", StringComparison.Ordinal);

    /// <summary>A partial: <c>_name.prompt</c>, included as <c>{{&gt; name}}</c>; no class is generated for it.</summary>
    public static bool IsPartialFile(AdditionalText text) =>
        text.Path.EndsWith(PromptExtension, StringComparison.OrdinalIgnoreCase) && PartialName(text.Path) is not null;

    public static PartialSource ReadPartial(AdditionalText text, CancellationToken cancellationToken)
    {
        var content = text.GetText(cancellationToken)?.ToString() ?? string.Empty;
        EquatableArray<string> references;
        try
        {
            references = TemplateReferences.Partials(ProjectPartials.Parse(new PartialSource(string.Empty, text.Path, content, default)).Template)
                .ToEquatableArray();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Reported by the partial's analysis step, which parses the same text again.
            references = EquatableArray<string>.Empty;
        }

        return new PartialSource(PartialName(text.Path)!, text.Path, content, references);
    }

    public static PartialSourceSet CollectPartials(ImmutableArray<PartialSource> partials) => PartialSourceSet.From(partials);

    /// <summary>
    /// Pairs a prompt with the partials it reaches. This runs for every prompt when any partial changes, but it is
    /// cheap and its output only changes for the prompts that reach the edited partial, so the later steps of the
    /// other prompts stay cached.
    /// </summary>
    public static AnalyzedPrompt AttachPartials(ParsedPrompt parsed, PartialSourceSet partials) =>
        new(parsed, partials.Closure(parsed.Document.ReferencedPartials));

    public static AnalyzedPrompt AnalyzeTemplate(AnalyzedPrompt prompt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var document = prompt.Parsed.Document;
        if (document.HasFatalErrors) return prompt;
        IReadOnlyList<DiagnosticInfo> found;
        try
        {
            found = TemplateChecks.AnalyzePrompt(document, prompt.Partials);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            found = new[] { InternalError(document.Path, exception) };
        }

        if (found.Count == 0) return prompt;
        var diagnostics = document.Diagnostics.Concat(found).ToEquatableArray();
        return prompt with { Parsed = prompt.Parsed with { Document = document with { Diagnostics = diagnostics } } };
    }

    public static PartialReport AnalyzePartial(PartialSource partial, PartialSourceSet partials, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var reached = partials.Closure(partial.References);
            return new PartialReport(TemplateChecks.AnalyzePartial(partial, reached).ToEquatableArray());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new PartialReport(new[] { InternalError(partial.Path, exception) }.ToEquatableArray());
        }
    }

    public static void ReportPartial(SourceProductionContext context, PartialReport report)
    {
        foreach (var diagnostic in report.Diagnostics) context.ReportDiagnostic(RoslynDescriptors.ToDiagnostic(diagnostic));
    }

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

    public static NamedPrompt Name(AnalyzedPrompt analyzed, ProjectOptions projectOptions)
    {
        var parsed = analyzed.Parsed;
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

        return new NamedPrompt(parsed.Document, analyzed.Partials, identity, projectOptions, diagnostics.ToEquatableArray());
    }

    public static CollisionReport FindCollisions(ImmutableArray<PromptIdentity?> identities) =>
        NameCollisions.Find(identities.Where(i => i is not null).Select(i => i!));

    public static PromptGenerationResult BuildModel(NamedPrompt named, CollisionReport collisions)
    {
        var document = named.Document;
        var diagnostics = new List<DiagnosticInfo>(document.Diagnostics);
        diagnostics.AddRange(named.NamingDiagnostics);
        if (named.Identity is null || document.HasFatalErrors || collisions.Loses(document.Path))
        {
            return new PromptGenerationResult(named.Identity, null, diagnostics.ToEquatableArray());
        }

        try
        {
            var model = PromptModelBuilder.Build(document, named.Identity, named.ProjectOptions, diagnostics, named.Partials) with { Partials = named.Partials };
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

    private static string FileName(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return path.Substring(slash + 1);
    }

    /// <summary>The partial name of <c>_name.prompt</c>, or null for any other file.</summary>
    private static string? PartialName(string path)
    {
        var fileName = FileName(path);
        if (!fileName.StartsWith("_", StringComparison.Ordinal) || fileName.Length <= 1 + PromptExtension.Length) return null;
        return fileName.Substring(1, fileName.Length - 1 - PromptExtension.Length);
    }

    private static string? Get(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
