namespace PromptGen.LanguageServer;

/// <summary>Options for <see cref="PromptLanguageServer"/>.</summary>
public sealed class LanguageServerOptions
{
    /// <summary>How long after the last edit diagnostics are computed (edits in between are coalesced). Default 30 ms, so that with the build's own check (about 9 ms for a 500-line prompt) diagnostics arrive within 50 ms of an edit; zero publishes at once.</summary>
    public TimeSpan DiagnosticsDelay { get; set; } = TimeSpan.FromMilliseconds(30);

    /// <summary>Runs eval cases for the "Run this case" code lens; null when the host cannot run evals.</summary>
    public IEvalCaseRunner? CaseRunner { get; set; }
}
