namespace PromptGen.Evals.Running;

/// <summary>
/// An eval run was cancelled. Before this is thrown the runner has written the recordings of every model call that
/// completed (the calls that were paid for); no reports and no baseline are written for a cancelled run.
/// </summary>
public sealed class EvalRunCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception for a run cancelled through <paramref name="cancellationToken"/>.</summary>
    public EvalRunCancelledException(IReadOnlyList<string> recordingsWritten, IReadOnlyList<string> recordingErrors, CancellationToken cancellationToken)
        : base("The eval run was cancelled; the recordings of the completed model calls were written.", cancellationToken)
    {
        RecordingsWritten = recordingsWritten ?? throw new ArgumentNullException(nameof(recordingsWritten));
        RecordingErrors = recordingErrors ?? throw new ArgumentNullException(nameof(recordingErrors));
    }

    /// <summary>Recording files written by the run, including those written while it was being cancelled.</summary>
    public IReadOnlyList<string> RecordingsWritten { get; }

    /// <summary>Why recordings could not be written while cancelling (empty when all were).</summary>
    public IReadOnlyList<string> RecordingErrors { get; }
}
