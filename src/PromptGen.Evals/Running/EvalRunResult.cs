using PromptGen.Evals.Reports;

namespace PromptGen.Evals.Running;

/// <summary>The outcome of an eval run: every suite (gated), every finding, and the files written.</summary>
public sealed record EvalRunResult
{
    public IReadOnlyList<EvalRunSuite> Suites { get; init; } = Array.Empty<EvalRunSuite>();

    /// <summary>Findings in file order, then line order.</summary>
    public IReadOnlyList<EvalFinding> Findings { get; init; } = Array.Empty<EvalFinding>();

    public ReportFiles? Reports { get; init; }

    /// <summary>Baselines written by this run (only with <see cref="EvalRunRequest.UpdateBaseline"/>).</summary>
    public IReadOnlyList<string> BaselinesWritten { get; init; } = Array.Empty<string>();

    /// <summary>Recording files written by this run (auto and record modes).</summary>
    public IReadOnlyList<string> RecordingsWritten { get; init; } = Array.Empty<string>();

    /// <summary>The recording mode the trials ran in (for a merge: the shards' mode), when known.</summary>
    public string? Mode { get; init; }

    /// <summary>The shard results file a sharded run wrote (see <see cref="EvalRunRequest.Shard"/>).</summary>
    public string? ShardResultsWritten { get; init; }

    /// <summary>Time spent in the runner (parse, check, trials, scoring, gate, writing).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>True when no finding is an error.</summary>
    public bool Passed => Findings.All(f => !f.IsError);

    /// <summary>A run's result, its findings scrubbed of secrets.</summary>
    internal static EvalRunResult Of(
        IEnumerable<EvalFinding> findings, IReadOnlyList<EvalRunSuite> suites, ReportFiles? reports, IReadOnlyList<string> baselines, IReadOnlyList<string> recordings, TimeSpan duration) => new()
    {
        Suites = suites,
        Findings = EvalFinding.Scrubbed(findings),
        Reports = reports,
        BaselinesWritten = baselines,
        RecordingsWritten = recordings,
        Duration = duration,
    };
}
