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

    /// <summary>True when the request itself names arms (variants, models or temperatures).</summary>
    public bool NamesArms => Variants.Count > 0 || Models.Count > 0 || Temperatures.Count > 0;

    /// <summary>
    /// The request one eval file runs: arms named by the request (the command line, MSBuild) replace the file's
    /// <c>experiment:</c> block as a whole; otherwise the block's arms are run. A control named by the request wins
    /// over the block's.
    /// </summary>
    public ExperimentRequest WithArmsOf(EvalExperiment? experiment)
    {
        if (experiment is null) return this;
        var control = Control ?? (NamesArms ? null : experiment.Control?.Text);
        if (NamesArms) return this with { Control = control };
        return this with
        {
            Variants = experiment.VariantNames,
            Models = experiment.Models.Select(m => m.Text).ToList(),
            Temperatures = experiment.Temperatures,
            Control = control,
        };
    }
}
