namespace PromptGen.Generator;

/// <summary>Identity of the generator, as written into <c>[GeneratedCode]</c> and help links.</summary>
internal static class GeneratorInfo
{
    public const string Name = "PromptGen";

    /// <summary>Diagnostic help links point at <c>{RepositoryUrl}/blob/main/docs/diagnostics/{ID}.md</c>.</summary>
    public const string RepositoryUrl = "https://github.com/promptgen/promptgen";

    public static readonly string Version = typeof(GeneratorInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
