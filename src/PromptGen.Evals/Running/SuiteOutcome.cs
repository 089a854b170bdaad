using PromptGen.Evals.Recording;
using PromptGen.Evals.Reports;
using PromptGen.Evals.Sharding;

namespace PromptGen.Evals.Running;

/// <summary>What running one eval file produced: the gated suite (none when the file could not run) and its findings.</summary>
internal sealed record SuiteOutcome
{
    public EvalRunSuite? Suite { get; init; }

    public IReadOnlyList<EvalFinding> Findings { get; init; } = Array.Empty<EvalFinding>();

    public string? BaselineWritten { get; init; }

    public string? RecordingsWritten { get; init; }

    /// <summary>In a sharded run: this shard's part of the suite, for the shard results.</summary>
    public ShardSuite? Shard { get; init; }

    /// <summary>In a sharded run in auto or record mode: the recordings of this shard's cases, for the merge.</summary>
    public IReadOnlyList<RecordingEntry>? ShardRecordings { get; init; }
}
