using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptGen.Generator.Emit;
using PromptGen.Generator.Mapping;
using PromptGen.Generator.Models;
using PromptGen.Generator.Naming;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;
using RoslynDescriptors = PromptGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace PromptGen.Generator;

/// <summary>
/// The functions behind each pipeline step. Each one turns plain values into plain values through the language core's
/// one compile driver (<see cref="PromptCompiler"/>) and turns any unexpected exception into PG9999 on the file at hand,
/// so one broken prompt never stops the others from generating.
/// </summary>
internal static class PromptPipeline
{
    private const string MetadataPrefix = "build_metadata.AdditionalFiles.";
    private const string PropertyPrefix = "build_property.";

    private static readonly AsyncLocal<Func<string, string, ParsedPromptFile>?> s_parseOverride = new();

    /// <summary>A <c>.prompt</c> file that is not a partial: one generated class each.</summary>
    public static bool IsPromptFile(AdditionalText text) => PartialFile.IsPromptPath(text.Path);

    /// <summary>A partial: <c>_name.prompt</c>, included as <c>{{&gt; name}}</c>; no class is generated for it.</summary>
    public static bool IsPartialFile(AdditionalText text) => PartialFile.NameOf(text.Path) is not null;

    /// <summary>An eval file (<c>*.eval.yaml</c>): checked against the prompt it tests (PG0501–PG0506).</summary>
    public static bool IsEvalFile(AdditionalText text) => EvalPromptLink.IsEvalFile(text.Path);

    /// <summary>Swaps the parser for the current (async) flow, for tests; dispose to restore it.</summary>
    internal static IDisposable OverrideParserForTesting(Func<string, string, ParsedPromptFile> parse)
    {
        s_parseOverride.Value = parse;
        return new RestoreParser();
    }

    public static PartialSource ReadPartial(AdditionalText text, CancellationToken cancellationToken)
    {
        var content = text.GetText(cancellationToken)?.ToString() ?? string.Empty;
        var name = PartialFile.NameOf(text.Path)!;
        EquatableArray<string> references;
        try
        {
            references = PartialReferences.Of(PromptCompiler.ParsePartial(new PartialFile(name, text.Path, content)).Template);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Reported by the partial's analysis step, which parses the same text again.
            references = EquatableArray<string>.Empty;
        }

        return new PartialSource(name, text.Path, content, references);
    }

    public static PartialSourceSet CollectPartials(ImmutableArray<PartialSource> partials) => PartialSourceSet.From(partials);

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

    public static EvalFileInput ReadEvalFile(AdditionalText text, AnalyzerConfigOptionsProvider optionsProvider, CancellationToken cancellationToken)
    {
        var content = text.GetText(cancellationToken)?.ToString() ?? string.Empty;
        return new EvalFileInput(text.Path, content, Get(optionsProvider.GetOptions(text), MetadataPrefix + "PromptGenPrompt"));
    }

    public static ParsedPrompt Parse(PromptFileInput file, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var parse = s_parseOverride.Value;
            return new ParsedPrompt(file, parse is not null ? parse(file.Path, file.Text) : PromptCompiler.Parse(file.Path, file.Text), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new ParsedPrompt(file, null, DiagnosticInfo.InternalError(file.Path, exception));
        }
    }

    /// <summary>
    /// Builds the prompt's semantics with the partials it reaches. This runs for a prompt only when its file or one of
    /// those partials changed; the output of every other prompt stays cached.
    /// </summary>
    public static AnalyzedPrompt Analyze(ParsedPrompt parsed, PartialSourceSet partials, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reached = partials.Closure(parsed.ReferencedPartials);
        if (parsed.Syntax is null)
        {
            return new AnalyzedPrompt(parsed, reached, null, new[] { parsed.Failure! }.ToEquatableArray());
        }

        try
        {
            var semantics = PromptCompiler.Analyze(parsed.Syntax, CatalogOf(reached), cancellationToken);
            return new AnalyzedPrompt(parsed, reached, semantics, semantics.Diagnostics.Select(DiagnosticInfo.FromPromptDiagnostic).ToEquatableArray());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new AnalyzedPrompt(parsed, reached, null, Failure(parsed.File.Path, exception));
        }
    }

    public static PartialReport AnalyzePartial(PartialSource partial, PartialSourceSet partials, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var catalog = CatalogOf(partials.Closure(partial.References));
            var parsed = PromptCompiler.ParsePartial(new PartialFile(partial.Name, partial.Path, partial.Text));
            return new PartialReport(PromptCompiler.CheckPartial(parsed, catalog).Select(DiagnosticInfo.FromPromptDiagnostic).ToEquatableArray());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new PartialReport(Failure(partial.Path, exception));
        }
    }

    public static void ReportDiagnostics(SourceProductionContext context, PartialReport report) => Report(context, report.Diagnostics);

    /// <summary>Reports plain-value diagnostics as Roslyn diagnostics.</summary>
    internal static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics) context.ReportDiagnostic(RoslynDescriptors.ToDiagnostic(diagnostic));
    }

    public static NamedPrompt Name(AnalyzedPrompt analyzed, ProjectOptions projectOptions)
    {
        var diagnostics = new List<DiagnosticInfo>();
        PromptIdentity? identity = null;
        if (analyzed.Semantics is { } semantics && !semantics.Parsed.HasUnreadableFrontmatter)
        {
            try
            {
                identity = PromptNaming.Resolve(semantics, analyzed.Parsed.File.ItemOptions, projectOptions, diagnostics);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                diagnostics.Add(DiagnosticInfo.InternalError(analyzed.Path, exception));
            }
        }

        return new NamedPrompt(analyzed, identity, projectOptions, diagnostics.ToEquatableArray());
    }

    public static CollisionReport FindCollisions(ImmutableArray<PromptIdentity?> identities) =>
        NameCollisions.Find(identities.Where(i => i is not null).Select(i => i!));

    public static PromptGenerationResult BuildModel(NamedPrompt named, CollisionReport collisions, CancellationToken cancellationToken)
    {
        var analyzed = named.Analyzed;
        var diagnostics = new List<DiagnosticInfo>(analyzed.Diagnostics);
        diagnostics.AddRange(named.NamingDiagnostics);
        if (named.Identity is null || analyzed.Semantics is null || collisions.Loses(analyzed.Path))
        {
            return new PromptGenerationResult(named.Identity, null, diagnostics.ToEquatableArray());
        }

        try
        {
            var model = PromptModelBuilder.Build(analyzed.Semantics, named.Identity, named.ProjectOptions, diagnostics, cancellationToken)
                with { ToolReferences = Tools.ToolBinding.ReferencesOf(analyzed.Semantics) };
            return new PromptGenerationResult(named.Identity, model, diagnostics.ToEquatableArray());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            diagnostics.Add(DiagnosticInfo.InternalError(analyzed.Path, exception));
            return new PromptGenerationResult(named.Identity, null, diagnostics.ToEquatableArray());
        }
    }

    public static void Emit(SourceProductionContext context, PromptGenerationResult result)
    {
        Report(context, result.Diagnostics);
        if (result.Model is not { } model) return;
        EmitGuarded(context, model.Identity.Path, () => context.AddSource(model.Identity.HintName, PromptSourceEmitter.Emit(model)));
    }

    public static void ReportCollisions(SourceProductionContext context, CollisionReport report) => Report(context, report.Diagnostics);

    /// <summary>What an eval file checks against: the prompt's schemas and names (null when it has none to offer).</summary>
    public static PromptEvalContext DescribeForEvals(AnalyzedPrompt analyzed) =>
        new(analyzed.Path, analyzed.Semantics is { } semantics ? PromptContext.From(semantics) : null);

    /// <summary>PG0501–PG0506 for one eval file, located in it, against the project's prompts.</summary>
    public static PartialReport CheckEval(EvalFileInput file, ImmutableArray<PromptEvalContext> prompts, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var evalFile = EvalFileParser.Parse(file.Path, file.Text);
            var promptPath = FilePaths.Normalize(EvalPromptLink.GetPromptPath(file.Path, evalFile.PromptReference ?? file.PromptOverride));
            var linked = prompts.FirstOrDefault(p => string.Equals(FilePaths.Normalize(p.Path), promptPath, StringComparison.Ordinal));
            if (linked is not null && linked.Context is null) return new PartialReport(EquatableArray<DiagnosticInfo>.Empty);
            var folder = FilePaths.Folder(FilePaths.Normalize(file.Path));
            var siblings = prompts.Select(p => FilePaths.Normalize(p.Path)).Where(p => FilePaths.Folder(p) == folder).Select(FilePaths.FileName);
            // The variants an experiment: block may name are the linked prompt's, among the project's prompt files.
            var context = linked?.Context?.WithVariants(prompts.Select(p => p.Path));
            var found = PromptCompiler.CheckEval(evalFile, context, siblings);
            return new PartialReport(found.Select(DiagnosticInfo.FromPromptDiagnostic).ToEquatableArray());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new PartialReport(Failure(file.Path, exception));
        }
    }

    /// <summary>
    /// Runs <paramref name="emit"/> (an <c>AddSource</c>), reporting PG9999 on the file at <paramref name="path"/> when it
    /// throws: <c>AddSource</c> rejects some names and duplicates, and whatever goes wrong stays on this prompt.
    /// </summary>
    internal static void EmitGuarded(SourceProductionContext context, string path, Action emit)
    {
        try
        {
            emit();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.ReportDiagnostic(RoslynDescriptors.ToDiagnostic(DiagnosticInfo.InternalError(path, exception)));
        }
    }

    /// <summary>The only diagnostic of a step that failed on the file at <paramref name="path"/>: PG9999.</summary>
    private static EquatableArray<DiagnosticInfo> Failure(string path, Exception exception) =>
        new[] { DiagnosticInfo.InternalError(path, exception) }.ToEquatableArray();

    private static PartialCatalog CatalogOf(EquatableArray<PartialSource> partials) =>
        new(partials.Select(p => new PartialFile(p.Name, p.Path, p.Text)));

    private static string? Get(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private sealed class RestoreParser : IDisposable
    {
        public void Dispose() => s_parseOverride.Value = null;
    }
}
