using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PromptGen.Generator.Catalog;
using PromptGen.Generator.Hosting;
using PromptGen.Generator.Tools;

namespace PromptGen.Generator;

/// <summary>
/// Compiles <c>.prompt</c> files (additional files) into typed C#. The pipeline only moves value-equatable models
/// between steps, so unchanged prompts stay cached and edits to C# code re-run no prompt work.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PromptGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var projectOptions = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => PromptPipeline.ReadProjectOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.ProjectOptions);

        // Filtering and pairing with options carry Roslyn objects; they stay untracked and feed a pure step at once.
        var promptFiles = context.AdditionalTextsProvider
            .Where(PromptPipeline.IsPromptFile)
            .SelectWith(context.AnalyzerConfigOptionsProvider, PromptPipeline.ReadPromptFile, TrackingNames.PromptInputs);

        var parsed = promptFiles
            .Select(static (file, ct) => PromptPipeline.Parse(file, ct))
            .WithTrackingName(TrackingNames.ParsedPrompts);

        // Partials (_name.prompt) are collected once; each prompt then depends only on the partials it reaches.
        var partialFiles = context.AdditionalTextsProvider
            .Where(PromptPipeline.IsPartialFile)
            .Select(static (text, ct) => PromptPipeline.ReadPartial(text, ct))
            .WithTrackingName(TrackingNames.PartialInputs);

        var partialSet = partialFiles
            .Collect()
            .Select(static (partials, _) => PromptPipeline.CollectPartials(partials))
            .WithTrackingName(TrackingNames.PartialSets);

        var analyzed = parsed.SelectWith(partialSet, PromptPipeline.Analyze, TrackingNames.AnalyzedPrompts);

        var partialReports = partialFiles.SelectWith(partialSet, PromptPipeline.AnalyzePartial, TrackingNames.PartialReports);

        var named = analyzed.SelectWith(projectOptions, PromptPipeline.Name, TrackingNames.NamedPrompts);

        // Variants (Classify.concise.prompt beside Classify.prompt) find their base among all prompts' names and schemas.
        var variantFacts = named
            .Select(static (prompt, _) => VariantPipeline.Describe(prompt))
            .WithTrackingName(TrackingNames.VariantFacts)
            .Collect()
            .Select(static (facts, _) => VariantPipeline.Collect(facts));

        var withRoles = named.SelectWith(variantFacts, VariantPipeline.RoleOf, TrackingNames.VariantRoles);

        var collisions = withRoles
            .Select(static (prompt, _) => VariantPipeline.IdentityForCollisions(prompt))
            .WithTrackingName(TrackingNames.PromptIdentities)
            .Collect()
            .Select(static (identities, _) => PromptPipeline.FindCollisions(identities))
            .WithTrackingName(TrackingNames.NameCollisions);

        // [PromptTool] methods, read from their symbols into plain values; prompts bind their tools: names to them.
        var toolCatalog = context.SyntaxProvider
            .ForAttributeWithMetadataName(ToolSymbols.AttributeName, static (node, _) => node is MethodDeclarationSyntax, ToolSymbols.Describe)
            .WithTrackingName(TrackingNames.ToolMethods)
            .Collect()
            .Select(static (methods, _) => ToolSymbols.Collect(methods))
            .WithTrackingName(TrackingNames.ToolCatalog);

        var models = withRoles
            .SelectWith(collisions, VariantPipeline.BuildModel, TrackingNames.PromptModels)
            .SelectWith(toolCatalog, ToolBinding.Bind, TrackingNames.PromptTools);

        // Eval files are checked against what they need of each prompt (its schemas and names), so editing a template
        // leaves them cached.
        var evalContexts = analyzed
            .Select(static (prompt, _) => PromptPipeline.DescribeForEvals(prompt))
            .WithTrackingName(TrackingNames.PromptEvalContexts)
            .Collect();

        var evalReports = context.AdditionalTextsProvider
            .Where(PromptPipeline.IsEvalFile)
            .SelectWith(context.AnalyzerConfigOptionsProvider, PromptPipeline.ReadEvalFile, TrackingNames.EvalInputs)
            .SelectWith(evalContexts, PromptPipeline.CheckEval, TrackingNames.EvalReports);

        // The prompt catalog (untyped descriptors for eval runners): only names and output kinds feed it.
        var catalog = models
            .SelectWith(projectOptions, CatalogPipeline.Describe, TrackingNames.PromptDescriptors)
            .Collect()
            .Combine(projectOptions)
            .Select(static (pair, _) => CatalogPipeline.Collect(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.PromptCatalog);

        // Typed prompt clients and their registration, only when the compilation references PromptGen.Hosting.
        var hostingTarget = context.CompilationProvider
            .Select(static (compilation, _) => HostingPipeline.ReadTarget(compilation))
            .WithTrackingName(TrackingNames.HostingTarget);
        var hosting = models
            .Select(static (result, _) => HostingPipeline.Describe(result))
            .Collect()
            .Combine(hostingTarget)
            .Combine(projectOptions)
            .Select(static (pair, _) => HostingPipeline.Collect(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.HostingRegistration);
        context.RegisterSourceOutput(models.Combine(hostingTarget), HostingPipeline.EmitClient);
        context.RegisterSourceOutput(hosting, HostingPipeline.EmitRegistration);

        context.RegisterSourceOutput(models, VariantPipeline.Emit);
        context.RegisterSourceOutput(catalog, CatalogPipeline.Emit);
        context.RegisterSourceOutput(collisions, PromptPipeline.ReportCollisions);
        context.RegisterSourceOutput(partialReports, PromptPipeline.ReportDiagnostics);
        context.RegisterSourceOutput(evalReports, PromptPipeline.ReportDiagnostics);
    }
}
