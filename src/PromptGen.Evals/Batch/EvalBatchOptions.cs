namespace PromptGen.Evals.Batch;

/// <summary>How <see cref="EvalBatchRunner"/> submits and waits for provider batches (<c>promptgen eval --batch</c>).</summary>
public sealed record EvalBatchOptions
{
    /// <summary>The most requests one batch input file holds (the OpenAI and Azure OpenAI limit); more go in several batches.</summary>
    public const int MaxRequestsPerBatch = 50_000;

    /// <summary>
    /// The state file (<c>--batch-state</c>): the submitted batches and the answers collected so far, written atomically
    /// after every step. A later command given the same file collects what an earlier one submitted. Null keeps the
    /// state in memory only, so the command waits for its batches.
    /// </summary>
    public string? StatePath { get; init; }

    /// <summary>How long to wait between two status checks of a batch.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long this command waits for its batches to finish (<c>--batch-timeout</c>). When it passes, the command stops
    /// with the batches still pending, to be collected later through <see cref="StatePath"/>. Zero submits and returns.
    /// </summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromHours(25);

    /// <summary>The clock for polling; tests inject a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How many submit-and-collect rounds a run may take: the first sends every missing call, later ones the calls that
    /// could only be made once earlier answers were known (judges, the next turn of a tool loop).
    /// </summary>
    public int MaxRounds { get; init; } = 6;

    /// <summary>
    /// Told, in a sentence, each time a batch is submitted or changes status, so a person waiting hours sees it move.
    /// Called on the runner's thread; null says nothing.
    /// </summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>The most requests one batch holds (at most <see cref="MaxRequestsPerBatch"/>).</summary>
    public int MaxRequestsInBatch { get; init; } = MaxRequestsPerBatch;
}
