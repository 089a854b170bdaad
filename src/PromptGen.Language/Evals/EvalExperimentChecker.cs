using System.Globalization;
using PromptGen.Language.Diagnostics;

namespace PromptGen.Language.Evals;

/// <summary>
/// PG0506: the <c>experiment:</c> block names only variants the prompt has (<see cref="PromptContext.Variants"/>), and
/// its control is one of the arms the block declares.
/// </summary>
internal static class EvalExperimentChecker
{
    public static void Check(EvalExperiment experiment, PromptContext prompt, EvalDiagnosticList diagnostics)
    {
        var known = prompt.Variants.ToList();
        var allowed = new[] { EvalExperiment.BaseVariant, EvalExperiment.AllVariants }.Concat(known).ToList();
        foreach (var variant in experiment.Variants)
        {
            if (variant.Text == EvalExperiment.BaseVariant || known.Contains(variant.Text)) continue;
            diagnostics.Add(DiagnosticDescriptors.EvalExperimentArmUnknown, variant.Span,
                $"The prompt '{prompt.PromptFileName}' has no variant '{variant.Text}' (no file '{VariantFileName(prompt, variant.Text)}' beside it); "
                + $"its variants are: {(known.Count == 0 ? "none" : string.Join(", ", known))} (base is the prompt itself, all the prompt and every variant){EvalYaml.Hint(variant.Text, allowed)}");
        }

        if (experiment.Control is not { } control) return;
        EvalExperiment.TryParseArm(control.Text, out var controlVariant, out var model, out var temperature);
        var variants = experiment.RunsAllVariants
            ? new string?[] { null }.Concat(known).ToList()
            : experiment.Variants.Count == 0 ? new List<string?> { null } : experiment.Variants.Select(v => v.Text == EvalExperiment.BaseVariant ? null : v.Text).ToList();
        var models = experiment.Models.Count == 0 ? new List<string?> { null } : experiment.Models.Select(m => (string?)m.Text).ToList();
        var temperatures = experiment.Temperatures.Count == 0 ? new List<float?> { null } : experiment.Temperatures.Select(t => (float?)t).ToList();
        if (variants.Contains(controlVariant) && models.Contains(model) && temperatures.Contains(temperature)) return;

        var arms = variants.Distinct().SelectMany(v => models.SelectMany(m => temperatures.Select(t => EvalExperiment.ArmId(v, m, t)))).ToList();
        var written = EvalExperiment.ArmId(controlVariant, model, temperature);
        diagnostics.Add(DiagnosticDescriptors.EvalExperimentArmUnknown, control.Span,
            $"The control arm '{written}' is not one of the arms this experiment runs; its arms are: {string.Join(", ", arms.Take(12))}"
            + (arms.Count > 12 ? string.Format(CultureInfo.InvariantCulture, ", ... ({0} in all)", arms.Count) : string.Empty)
            + EvalYaml.Hint(written, arms));
    }

    private static string VariantFileName(PromptContext prompt, string variant)
    {
        var name = prompt.PromptFileName;
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name + "." + variant : name.Substring(0, dot) + "." + variant + name.Substring(dot);
    }
}
