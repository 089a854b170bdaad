using PromptGen.Evals.Running;
using PromptGen.Language.Evals;

namespace PromptGen.Evals.Experiments;

/// <summary>
/// What one experiment runs: the eval files and prompts of an ordinary run (<see cref="Run"/>), crossed with variants,
/// models and sampling settings into arms, compared with a control arm.
/// </summary>
public sealed record ExperimentRequest
{
    /// <summary>The eval run every arm repeats: eval files, prompts, mode, provider, filter, report directory.</summary>
    public EvalRunRequest Run { get; init; } = new();

    /// <summary>Variant names to run; <c>all</c> runs the base and every variant; empty runs the base only.</summary>
    public IReadOnlyList<string> Variants { get; init; } = Array.Empty<string>();

    /// <summary>Model ids to run; empty runs each prompt's own model.</summary>
    public IReadOnlyList<string> Models { get; init; } = Array.Empty<string>();

    /// <summary>Temperatures to run; empty runs each prompt's own.</summary>
    public IReadOnlyList<float> Temperatures { get; init; } = Array.Empty<float>();

    /// <summary>The control arm's id (<c>base/gpt-4o-mini</c>); null makes the first arm the control.</summary>
    public string? Control { get; init; }

    /// <summary>Significance level of the paired comparison (two-sided).</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>
    /// The arm (<c>variant/model</c>) whose results become each eval file's baseline (<c>--update-baseline --arm</c>);
    /// null changes no baseline. Nothing else an experiment does changes a baseline.
    /// </summary>
    public string? PromoteArm { get; init; }

    /// <summary>Stop before the run when the estimate exceeds it, and during the run once the spend does; null for no limit.</summary>
    public decimal? MaxCost { get; init; }

    /// <summary>Earlier experiments' JSON results, oldest first: the pass rate over time chart.</summary>
    public IReadOnlyList<string> History { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The request one eval file runs, with its <c>experiment:</c> block: each list the request names (variants, models,
    /// temperatures; from the command line or MSBuild) replaces the block's list, and a control it names replaces the
    /// block's control; what the request leaves empty comes from the block.
    /// </summary>
    public ExperimentRequest WithArmsOf(EvalExperiment? experiment) => experiment is null ? this : this with
    {
        Variants = Variants.Count > 0 ? Variants : experiment.VariantNames,
        Models = Models.Count > 0 ? Models : experiment.Models.Select(m => m.Text).ToList(),
        Temperatures = Temperatures.Count > 0 ? Temperatures : experiment.Temperatures,
        Control = Control ?? experiment.Control?.Text,
    };
}
