namespace PromptGen.Evals.Sharding;

/// <summary>What <see cref="EvalShardMerger.Merge"/> merges: the folders of every shard of one sharded eval run.</summary>
public sealed record EvalMergeRequest
{
    /// <summary>The project directory the shards ran in: baselines and recordings are found relative to it.</summary>
    public string ProjectDirectory { get; init; } = string.Empty;

    /// <summary>The shard folders (each with the results one <c>promptgen eval --shard i/n</c> wrote), every shard once.</summary>
    public IReadOnlyList<string> ShardFolders { get; init; } = Array.Empty<string>();

    /// <summary>Where the JUnit, JSON, Markdown and HTML reports of the whole suite go; null writes none.</summary>
    public string? ReportDirectory { get; init; }

    /// <summary>Write each eval file's baseline from the merged results.</summary>
    public bool UpdateBaseline { get; init; }
}
