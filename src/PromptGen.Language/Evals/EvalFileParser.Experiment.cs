using PromptGen.Language.Yaml;

namespace PromptGen.Language.Evals;

// The experiment: block of an eval file: PG0504 for its shape here; its names are checked against the prompt by EvalChecker.
public static partial class EvalFileParser
{
    internal static readonly IReadOnlyList<string> ExperimentKeys = new[] { "control", "variants", "models", "sampling" };
    internal static readonly IReadOnlyList<string> SamplingKeys = new[] { "temperature" };

    private static EvalExperiment? ReadExperiment(YamlSourceEntry? entry, EvalDiagnosticList diagnostics)
    {
        const string Example = "{ control: base/gpt-4o-mini, variants: [base, concise], models: [gpt-4o-mini, gpt-4o] }";
        if (entry is null) return null;
        if (!EvalYaml.IsMapping(entry.Value))
        {
            diagnostics.Malformed(EvalYaml.IsNull(entry.Value) ? entry.KeySpan : entry.Value.Span, $"'experiment' is a mapping such as {Example}, not {EvalYaml.Describe(entry.Value)}");
            return null;
        }

        ReportUnknownKeys(entry.Value, "experiment", ExperimentKeys, diagnostics);
        var allVariants = false;
        var variants = new List<EvalExperimentValue>();
        if (entry.Value.FindEntry("variants") is { } variantsEntry)
        {
            if (EvalYaml.String(variantsEntry.Value) == EvalExperiment.AllVariants) allVariants = true;
            else variants = ReadNames(variantsEntry, "variants", "[base, concise] or all", diagnostics);
            if (variants.Any(v => v.Text == EvalExperiment.AllVariants))
            {
                if (variants.Count > 1) diagnostics.Malformed(variantsEntry.Value.Span, "'experiment.variants' is either all or a list of variant names, not both");
                allVariants = true;
                variants.Clear();
            }
        }

        var models = entry.Value.FindEntry("models") is { } modelsEntry ? ReadNames(modelsEntry, "models", "[gpt-4o-mini, gpt-4o]", diagnostics) : new List<EvalExperimentValue>();
        foreach (var model in models.Where(m => m.Text.IndexOf("@t=", StringComparison.Ordinal) >= 0 || m.Text == EvalExperiment.DefaultModel))
        {
            diagnostics.Malformed(model.Span, $"'{model.Text}' cannot be a model id in an experiment: '{EvalExperiment.DefaultModel}' and '@t=' are part of how arms are written; leave 'models' out to run the prompt's own model");
        }

        var temperatures = new List<float>();
        if (entry.Value.FindEntry("sampling") is { } samplingEntry)
        {
            if (!EvalYaml.IsSequence(samplingEntry.Value) || samplingEntry.Value.Items.Count == 0)
            {
                diagnostics.Malformed(EvalYaml.IsNull(samplingEntry.Value) ? samplingEntry.KeySpan : samplingEntry.Value.Span,
                    $"'experiment.sampling' is a list of settings such as [{{ temperature: 0 }}, {{ temperature: 0.7 }}], not {EvalYaml.Describe(samplingEntry.Value)}");
            }
            else
            {
                foreach (var item in samplingEntry.Value.Items)
                {
                    if (!EvalYaml.IsMapping(item))
                    {
                        diagnostics.Malformed(item.Span, $"A sampling setting is a mapping such as {{ temperature: 0.7 }}, not {EvalYaml.Describe(item)}");
                        continue;
                    }

                    ReportUnknownKeys(item, "a sampling setting", SamplingKeys, diagnostics);
                    if (item.FindEntry("temperature") is not { } temperatureEntry)
                    {
                        diagnostics.Malformed(item.Span, "A sampling setting needs 'temperature', e.g. { temperature: 0.7 }");
                    }
                    else if (EvalYaml.Number(temperatureEntry.Value) is { } t && t >= 0 && t <= float.MaxValue)
                    {
                        if (temperatures.Contains((float)t)) diagnostics.Malformed(temperatureEntry.Value.Span, $"The temperature {Shown(temperatureEntry.Value)} is listed twice in 'experiment.sampling'");
                        else temperatures.Add((float)t);
                    }
                    else
                    {
                        diagnostics.Malformed(temperatureEntry.Value.Span, $"'temperature' needs a number of 0 or more, not {Shown(temperatureEntry.Value)}");
                    }
                }
            }
        }

        EvalExperimentValue? control = null;
        if (entry.Value.FindEntry("control") is { } controlEntry)
        {
            var text = EvalYaml.String(controlEntry.Value);
            if (text is null || text.Trim().Length == 0)
            {
                diagnostics.Malformed(EvalYaml.IsNull(controlEntry.Value) ? controlEntry.KeySpan : controlEntry.Value.Span,
                    $"'experiment.control' needs an arm written variant/model, e.g. control: base/gpt-4o-mini, not {EvalYaml.Describe(controlEntry.Value)}");
            }
            else if (EvalExperiment.TryParseArm(text, out _, out _, out _) is { } problem)
            {
                diagnostics.Malformed(controlEntry.Value.Span, problem);
            }
            else
            {
                control = new EvalExperimentValue(text.Trim(), controlEntry.Value.Span);
            }
        }

        return new EvalExperiment
        {
            Span = entry.KeySpan,
            RunsAllVariants = allVariants,
            Variants = variants,
            Models = models,
            Temperatures = temperatures,
            Control = control,
        };
    }

    /// <summary>A list of names (a single name is read as a list of one); each name once.</summary>
    private static List<EvalExperimentValue> ReadNames(YamlSourceEntry entry, string key, string example, EvalDiagnosticList diagnostics)
    {
        var names = new List<EvalExperimentValue>();
        var items = EvalYaml.IsSequence(entry.Value) ? entry.Value.Items : EvalYaml.String(entry.Value) is not null ? (IReadOnlyList<YamlSourceNode>)new[] { entry.Value } : null;
        if (items is null || items.Count == 0)
        {
            diagnostics.Malformed(EvalYaml.IsNull(entry.Value) ? entry.KeySpan : entry.Value.Span, $"'experiment.{key}' is a list such as {example}, not {EvalYaml.Describe(entry.Value)}");
            return names;
        }

        foreach (var item in items)
        {
            var text = EvalYaml.ScalarText(item)?.Trim();
            if (text is null || text.Length == 0 || text.IndexOf(',') >= 0)
            {
                diagnostics.Malformed(item.Span, $"Each of 'experiment.{key}' is a name without commas, not {Shown(item)}");
            }
            else if (names.Any(n => n.Text == text))
            {
                diagnostics.Malformed(item.Span, $"'{text}' is listed twice in 'experiment.{key}'");
            }
            else
            {
                names.Add(new EvalExperimentValue(text, item.Span));
            }
        }

        return names;
    }
}
