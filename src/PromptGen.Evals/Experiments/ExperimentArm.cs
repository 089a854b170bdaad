using PromptGen.Language.Evals;

namespace PromptGen.Evals.Experiments;

/// <summary>
/// One arm of an experiment: a prompt variant, a model and optional sampling settings. Its <see cref="Id"/>
/// (<c>variant/model</c>, plus <c>@t=0.7</c> when a temperature is set) names it in reports, in recordings and in
/// <c>--arm-control</c> and <c>--update-baseline --arm</c>.
/// </summary>
/// <param name="Variant">The variant name (<c>concise</c>), or <c>null</c> for the base prompt (written <c>base</c>).</param>
/// <param name="Model">The model id sent for this arm, or <c>null</c> for the prompt's own (written <c>default</c>).</param>
/// <param name="Temperature">A temperature over the prompt's, or <c>null</c> for the prompt's own.</param>
public sealed record ExperimentArm(string? Variant, string? Model, float? Temperature = null)
{
    /// <summary>How the base prompt is written in an arm id.</summary>
    public const string BaseName = EvalExperiment.BaseVariant;

    /// <summary>How the prompt's own model is written in an arm id.</summary>
    public const string DefaultModel = EvalExperiment.DefaultModel;

    /// <summary>The arm's id: <c>variant/model</c>, plus <c>@t=0.7</c> when a temperature is set.</summary>
    public string Id => EvalExperiment.ArmId(Variant, Model, Temperature);

    /// <summary>Reads an arm id (<c>concise/gpt-4o-mini</c>, <c>base/default@t=0.7</c>, or just <c>concise</c>).</summary>
    /// <exception cref="FormatException">The id is empty or its temperature is not a number of 0 or more.</exception>
    public static ExperimentArm Parse(string id) =>
        EvalExperiment.TryParseArm(id, out var variant, out var model, out var temperature) is { } problem
            ? throw new FormatException(problem)
            : new ExperimentArm(variant, model, temperature);

    public override string ToString() => Id;
}
