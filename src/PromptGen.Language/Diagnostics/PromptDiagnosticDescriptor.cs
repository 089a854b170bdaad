namespace PromptGen.Language.Diagnostics;

/// <summary>A Roslyn-free diagnostic descriptor; the generator maps these onto Roslyn descriptors.</summary>
public sealed class PromptDiagnosticDescriptor
{
    public PromptDiagnosticDescriptor(string id, PromptDiagnosticSeverity severity, string title, string category)
    {
        Id = id;
        Severity = severity;
        Title = title;
        Category = category;
    }

    public string Id { get; }

    public PromptDiagnosticSeverity Severity { get; }

    public string Title { get; }

    public string Category { get; }

    /// <summary>Where the ID is documented, relative to the repository root.</summary>
    public string HelpPath => $"docs/diagnostics/{Id}.md";

    public override string ToString() => Id;
}
