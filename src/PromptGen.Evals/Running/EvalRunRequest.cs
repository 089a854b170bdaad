using PromptGen.Catalog;
using PromptGen.Evals.Assertions;
using PromptGen.Evals.Progress;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Sharding;

namespace PromptGen.Evals.Running;

/// <summary>What one eval run does: which eval files, against which prompts, in which mode, writing what.</summary>
public sealed record EvalRunRequest
{
    /// <summary>The project directory: prompt source paths in the catalog are relative to it.</summary>
    public string ProjectDirectory { get; init; } = string.Empty;

    /// <summary>The eval files (full paths, or relative to the current directory).</summary>
    public IReadOnlyList<string> EvalFiles { get; init; } = Array.Empty<string>();

    /// <summary>The prompts of the built application (from its catalog); see <see cref="PromptCatalogLoader"/>.</summary>
    public IReadOnlyList<IPromptDescriptor> Prompts { get; init; } = Array.Empty<IPromptDescriptor>();

    public EvalMode Mode { get; init; } = EvalMode.Replay;

    /// <summary>A case-id glob (<c>*</c> any run of characters, <c>?</c> one); several separated by <c>;</c> or <c>,</c>. Null runs every case.</summary>
    public string? Filter { get; init; }

    /// <summary>Write each eval file's baseline from this run (the only way a baseline changes).</summary>
    public bool UpdateBaseline { get; init; }

    /// <summary>Where the JUnit, JSON, Markdown and HTML reports go; null writes none.</summary>
    public string? ReportDirectory { get; init; }

    public EvalProviderOptions ProviderOptions { get; init; } = new();

    /// <summary>The user's model client factory (the documented hook), if any.</summary>
    public IEvalChatClientFactory? ClientFactory { get; init; }

    /// <summary>How many trials run at once; defaults to <see cref="EvalProviderOptions.MaxConcurrency"/>.</summary>
    public int? MaxConcurrency { get; init; }

    public ProgressReporter? Progress { get; init; }

    /// <summary>
    /// A recordings store shared by several runs (<c>--recordings-store redis://host:port</c>; see
    /// <see cref="Sharing.SharedRecordingsStore"/>): in <c>auto</c> and <c>record</c> modes a chat or judge call is looked up
    /// there by its recording key before the model is called, and the model's answers are added to it. Null shares nothing.
    /// </summary>
    public Microsoft.Extensions.Caching.Distributed.IDistributedCache? SharedRecordings { get; init; }

    /// <summary>
    /// Run only this shard's cases (see <see cref="EvalShard"/>): only per-case rules are enforced, no baseline is
    /// written and no reports either; the shard results go to <see cref="ShardOutputDirectory"/> for <c>promptgen eval merge</c>.
    /// </summary>
    public EvalShard? Shard { get; init; }

    /// <summary>
    /// Where a sharded run writes its results; default: <c>shard-i-of-n</c> under <see cref="ReportDirectory"/>, else
    /// under <c>promptgen-shards</c> in the project directory.
    /// </summary>
    public string? ShardOutputDirectory { get; init; }

    /// <summary>
    /// How long a <c>regex</c> assertion may run on one output. A pattern that takes longer is an evaluation error
    /// (PG1004, ERROR), never a failed assertion.
    /// </summary>
    public TimeSpan RegexTimeout { get; init; } = AssertionServices.DefaultRegexTimeout;
}
