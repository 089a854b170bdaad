namespace PromptGen.Language.Diagnostics;

public enum PromptDiagnosticSeverity
{
    Info,
    Warning,
    Error,
}
