namespace PromptGen.Generator;

/// <summary>Names of the incremental pipeline steps, so tests can check which steps ran, were cached or unchanged.</summary>
internal static class TrackingNames
{
    public const string ProjectOptions = nameof(ProjectOptions);
    public const string PromptInputs = nameof(PromptInputs);
    public const string ParsedPrompts = nameof(ParsedPrompts);
    public const string NamedPrompts = nameof(NamedPrompts);
    public const string PromptIdentities = nameof(PromptIdentities);
    public const string NameCollisions = nameof(NameCollisions);
    public const string PromptModels = nameof(PromptModels);

    /// <summary>The steps that do per-prompt work; none of them may run when only C# code changes.</summary>
    public static readonly string[] PerPromptSteps = { PromptInputs, ParsedPrompts, NamedPrompts, PromptModels };

    public static readonly string[] All = { ProjectOptions, PromptInputs, ParsedPrompts, NamedPrompts, PromptIdentities, NameCollisions, Partials, PromptModels };

    public const string Partials = nameof(Partials);
}
