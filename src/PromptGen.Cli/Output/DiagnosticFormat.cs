namespace PromptGen.Cli.Output;

/// <summary>How <c>check</c> prints diagnostics.</summary>
internal enum DiagnosticFormat
{
    /// <summary>One line per diagnostic in MSBuild's canonical form.</summary>
    Text,

    /// <summary>A JSON array of diagnostic objects.</summary>
    Json,
}
