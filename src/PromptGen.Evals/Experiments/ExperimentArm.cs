using System.Globalization;

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
    public const string BaseName = "base";

    /// <summary>How the prompt's own model is written in an arm id.</summary>
    public const string DefaultModel = "default";

    public string Id => (Variant ?? BaseName) + "/" + (Model ?? DefaultModel)
        + (Temperature is float t ? "@t=" + t.ToString("R", CultureInfo.InvariantCulture) : string.Empty);

    /// <summary>Reads an arm id (<c>concise/gpt-4o-mini</c>, <c>base/default@t=0.7</c>, or just <c>concise</c>).</summary>
    public static ExperimentArm Parse(string id)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new FormatException("An arm is written variant/model, for example 'concise/gpt-4o-mini' or 'base/default'.");
        var text = id.Trim();
        float? temperature = null;
        var at = text.IndexOf("@t=", StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!float.TryParse(text.Substring(at + 3), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || t < 0)
                throw new FormatException($"The arm '{id}' has an invalid temperature; write it as '@t=0.7'.");
            temperature = t;
            text = text.Substring(0, at);
        }

        var slash = text.IndexOf('/');
        var variant = slash < 0 ? text : text.Substring(0, slash);
        var model = slash < 0 ? null : text.Substring(slash + 1);
        return new ExperimentArm(
            variant.Length == 0 || variant == BaseName ? null : variant,
            string.IsNullOrEmpty(model) || model == DefaultModel ? null : model,
            temperature);
    }

    public override string ToString() => Id;
}
