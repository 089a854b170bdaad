namespace PromptGen.Evals.Recording;

/// <summary>
/// Replay mode met a model call with no recording: the prompt, the case or an option changed since it was
/// recorded. The runner reports it as PG1003; <see cref="Exception.Message"/> names the case and shows what changed.
/// </summary>
public sealed class RecordingMissingException(string message, string caseId, int trial, RecordingKind kind, string key, string recordingsFile, string? changes)
    : Exception(message)
{
    /// <summary>The diagnostic this maps to.</summary>
    public const string RecordingMissingDiagnosticId = "PG1003";

    public string CaseId { get; } = caseId;

    public int Trial { get; } = trial;

    public RecordingKind Kind { get; } = kind;

    /// <summary>The key of the request that was not found.</summary>
    public string Key { get; } = key;

    /// <summary>The recordings file that was searched.</summary>
    public string RecordingsFile { get; } = recordingsFile;

    /// <summary>The diff against the most similar recorded request of the same case, or <c>null</c> when the case has none.</summary>
    public string? Changes { get; } = changes;

    /// <summary>Always PG1003.</summary>
    public string DiagnosticId => RecordingMissingDiagnosticId;
}
