using Microsoft.CodeAnalysis;

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
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, ct) => PromptPipeline.ReadPromptFile(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.PromptInputs);

        var parsed = promptFiles
            .Select(static (file, ct) => PromptPipeline.Parse(file, ct))
            .WithTrackingName(TrackingNames.ParsedPrompts);

        var named = parsed
            .Combine(projectOptions)
            .Select(static (pair, _) => PromptPipeline.Name(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.NamedPrompts);

        var collisions = named
            .Select(static (prompt, _) => prompt.Identity)
            .WithTrackingName(TrackingNames.PromptIdentities)
            .Collect()
            .Select(static (identities, _) => PromptPipeline.FindCollisions(identities))
            .WithTrackingName(TrackingNames.NameCollisions);

        var partials = promptFiles
            .Where(static file => PromptPipeline.IsPartialFile(file.Path))
            .Select(static (file, _) => PromptPipeline.ReadPartial(file))
            .Collect()
            .Select(static (all, _) => PromptPipeline.CollectPartials(all))
            .WithTrackingName(TrackingNames.Partials);

        var models = named
            .Combine(collisions)
            .Combine(partials)
            .Select(static (pair, _) => PromptPipeline.BuildModel(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.PromptModels);

        context.RegisterSourceOutput(models, PromptPipeline.Emit);
        context.RegisterSourceOutput(collisions, PromptPipeline.ReportCollisions);
    }
}
