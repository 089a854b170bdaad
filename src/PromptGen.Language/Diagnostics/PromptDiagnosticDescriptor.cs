namespace PromptGen.Language.Diagnostics;

/// <summary>A Roslyn-free diagnostic descriptor; the generator maps these onto Roslyn descriptors.</summary>
public sealed record PromptDiagnosticDescriptor(string Id, PromptDiagnosticSeverity Severity, string Title, string Category)
{
    /// <summary>Where the ID is documented, relative to the repository root.</summary>
    public string HelpPath => $"docs/diagnostics/{Id}.md";

    public override string ToString() => Id;
}
