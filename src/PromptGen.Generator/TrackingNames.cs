namespace PromptGen.Generator;

/// <summary>Names of the incremental pipeline steps, so tests can check which steps ran, were cached or unchanged.</summary>
internal static class TrackingNames
{
    public const string ProjectOptions = nameof(ProjectOptions);
    public const string HostingTarget = nameof(HostingTarget);
    public const string HostingRegistration = nameof(HostingRegistration);
    public const string PromptInputs = nameof(PromptInputs);
    public const string ParsedPrompts = nameof(ParsedPrompts);
    public const string PartialInputs = nameof(PartialInputs);
    public const string PartialSets = nameof(PartialSets);
    public const string AnalyzedPrompts = nameof(AnalyzedPrompts);
    public const string PartialReports = nameof(PartialReports);
    public const string NamedPrompts = nameof(NamedPrompts);
    public const string PromptIdentities = nameof(PromptIdentities);
    public const string NameCollisions = nameof(NameCollisions);
    public const string PromptModels = nameof(PromptModels);
    public const string PromptDescriptors = nameof(PromptDescriptors);
    public const string PromptCatalog = nameof(PromptCatalog);
    public const string PromptEvalContexts = nameof(PromptEvalContexts);
    public const string EvalInputs = nameof(EvalInputs);
    public const string EvalReports = nameof(EvalReports);
    /// <summary>The [PromptTool] methods read from symbols; not in <see cref="All"/>: Roslyn tracks it only when a method is marked.</summary>
    public const string ToolMethods = nameof(ToolMethods);
    public const string ToolCatalog = nameof(ToolCatalog);
    public const string PromptTools = nameof(PromptTools);
    public const string VariantFacts = nameof(VariantFacts);
    public const string VariantRoles = nameof(VariantRoles);

    /// <summary>The steps that do per-prompt work; none of them may run when only C# code changes.</summary>
    public static readonly string[] PerPromptSteps = { PromptInputs, ParsedPrompts, AnalyzedPrompts, NamedPrompts, PromptModels, PromptEvalContexts };

    public static readonly string[] All =
    {
        ProjectOptions, PromptInputs, ParsedPrompts, PartialInputs, PartialSets, AnalyzedPrompts, PartialReports,
        NamedPrompts, PromptIdentities, NameCollisions, PromptModels, PromptDescriptors, PromptCatalog, PromptEvalContexts, EvalInputs, EvalReports,
        ToolCatalog, PromptTools,
        VariantFacts, VariantRoles,
    };
}
