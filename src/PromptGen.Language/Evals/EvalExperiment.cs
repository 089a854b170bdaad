using System.Globalization;
using PromptGen.Language.Text;

namespace PromptGen.Language.Evals;

/// <summary>
/// The <c>experiment:</c> block of an eval file: the arms (variant × model × sampling settings) an experiment runs
/// when none are given on the command line or in MSBuild, and the control arm the others are compared with.
/// </summary>
public sealed class EvalExperiment
{
    /// <summary>How the base prompt is written in <c>variants</c> and in arm ids.</summary>
    public const string BaseVariant = "base";

    /// <summary>The <c>variants</c> value that means the base and every variant of the prompt.</summary>
    public const string AllVariants = "all";

    /// <summary>How the prompt's own model is written in arm ids.</summary>
    public const string DefaultModel = "default";

    /// <summary>Where the <c>experiment</c> key is written.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>True for <c>variants: all</c>: the base and every variant of the prompt.</summary>
    public bool RunsAllVariants { get; init; }

    /// <summary>The variants listed (<c>base</c> for the base prompt), in order; empty with <see cref="RunsAllVariants"/> or when not given (the base only).</summary>
    public IReadOnlyList<EvalExperimentValue> Variants { get; init; } = Array.Empty<EvalExperimentValue>();

    /// <summary>The model ids, in order; empty: the prompt's own model.</summary>
    public IReadOnlyList<EvalExperimentValue> Models { get; init; } = Array.Empty<EvalExperimentValue>();

    /// <summary>The temperatures of <c>sampling</c>, in order; empty: the prompt's own.</summary>
    public IReadOnlyList<float> Temperatures { get; init; } = Array.Empty<float>();

    /// <summary>The control arm as written (<c>base/gpt-4o-mini</c>), or null: the first arm.</summary>
    public EvalExperimentValue? Control { get; init; }

    /// <summary>The variant names as the runner takes them: <c>all</c>, or the listed names.</summary>
    public IReadOnlyList<string> VariantNames => RunsAllVariants ? new[] { AllVariants } : Variants.Select(v => v.Text).ToList();

    /// <summary>
    /// Reads an arm id (<c>concise/gpt-4o-mini</c>, <c>base/default@t=0.7</c>, or just <c>concise</c>): the one rule for
    /// arm ids, used by the eval file checks and the experiment runner. Null variant: the base; null model: the prompt's own.
    /// </summary>
    /// <returns>Null when the id is well formed, else what is wrong with it.</returns>
    public static string? TryParseArm(string? id, out string? variant, out string? model, out float? temperature)
    {
        variant = null;
        model = null;
        temperature = null;
        if (id is null || id.Trim().Length == 0) return "An arm is written variant/model, for example 'concise/gpt-4o-mini' or 'base/default'.";
        var text = id.Trim();
        var at = text.IndexOf("@t=", StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!float.TryParse(text.Substring(at + 3), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || t < 0 || float.IsInfinity(t))
            {
                return $"The arm '{id}' has an invalid temperature; write it as '@t=0.7'.";
            }

            temperature = t;
            text = text.Substring(0, at);
        }

        var slash = text.IndexOf('/');
        var variantText = slash < 0 ? text : text.Substring(0, slash);
        var modelText = slash < 0 ? null : text.Substring(slash + 1);
        variant = variantText.Length == 0 || variantText == BaseVariant ? null : variantText;
        model = string.IsNullOrEmpty(modelText) || modelText == DefaultModel ? null : modelText;
        return null;
    }

    /// <summary>The id of an arm: <c>variant/model</c>, plus <c>@t=0.7</c> when a temperature is set.</summary>
    public static string ArmId(string? variant, string? model, float? temperature) =>
        (variant ?? BaseVariant) + "/" + (model ?? DefaultModel)
        + (temperature is float t ? "@t=" + t.ToString("R", CultureInfo.InvariantCulture) : string.Empty);
}

/// <summary>A text value of the <c>experiment:</c> block and where it is written.</summary>
public sealed record EvalExperimentValue(string Text, SourceSpan Span);
