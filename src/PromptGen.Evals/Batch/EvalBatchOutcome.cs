using PromptGen.Evals.Running;

namespace PromptGen.Evals.Batch;

/// <summary>What <c>EvalBatchRunner.RunAsync</c> ended with: the run's result, or batches still pending.</summary>
public sealed record EvalBatchOutcome
{
    /// <summary>The eval run over the collected answers; null while batches are pending.</summary>
    public EvalRunResult? Result { get; init; }

    /// <summary>The batches this command left pending (collect them with the same state file).</summary>
    public IReadOnlyList<string> PendingBatches { get; init; } = Array.Empty<string>();

    /// <summary>How many requests this command submitted, in all batches.</summary>
    public int RequestsSubmitted { get; init; }

    /// <summary>How many answers (results and errors) this command collected.</summary>
    public int AnswersCollected { get; init; }
}
