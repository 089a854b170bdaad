using System.Globalization;
using PromptGen.Cli.Arguments;
using PromptGen.Cli.Output;
using PromptGen.Evals.Experiments;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;

namespace PromptGen.Cli.Verbs;

/// <summary>
/// The experiment options of <c>promptgen eval</c> (<c>--experiment</c>, <c>--variants</c>, <c>--models</c>, ...): when
/// one is given, the eval files run once per arm (the arms named here, else those of each file's <c>experiment:</c> block) and are compared with the control arm instead of being gated against their baselines.
/// </summary>
internal static class EvalExperiment
{
    private static readonly OptionSpec ExperimentOption = new("--experiment", null, "Run the eval files as experiments, with the arms of their experiment: blocks (each option below replaces that part of a block).");
    private static readonly OptionSpec VariantsOption = new("--variants", "names", "Experiment: the prompt variants to run, comma-separated ('all': the base and every variant; 'base': the base).");
    private static readonly OptionSpec ModelsOption = new("--models", "ids", "Experiment: the models to run, comma-separated (each arm is variant × model).");
    private static readonly OptionSpec TemperaturesOption = new("--temperatures", "values", "Experiment: temperatures to run, comma-separated (arms variant × model × temperature).");
    private static readonly OptionSpec ControlOption = new("--arm-control", "variant/model", "Experiment: the arm the others are compared with (default: the first arm).");
    private static readonly OptionSpec ArmOption = new("--arm", "variant/model", "Experiment: with --update-baseline, the one arm whose results become the baseline.");
    private static readonly OptionSpec HistoryOption = new("--history", "files", "Experiment: earlier runs' promptgen-experiment.json, comma-separated, oldest first (pass rate over time).");
    private static readonly OptionSpec MaxCostOption = new("--max-cost", "amount", "Experiment: do not start when the estimate exceeds this, and stop calling the model once the spend does.");

    public static readonly IReadOnlyList<OptionSpec> Options = new[]
    {
        ExperimentOption,
        VariantsOption,
        ModelsOption,
        TemperaturesOption,
        ControlOption,
        ArmOption,
        HistoryOption,
        MaxCostOption,
    };

    public static bool IsRequested(ParsedArguments arguments) =>
        arguments.HasFlag(ExperimentOption) || arguments.GetValue(VariantsOption) is not null || arguments.GetValue(ModelsOption) is not null || arguments.GetValue(TemperaturesOption) is not null;

    /// <summary>
    /// Refuses, before anything is loaded, experiment options without an experiment or without what they go with, values
    /// that do not parse and history files that are not experiment reports.
    /// </summary>
    public static void Validate(ParsedArguments arguments)
    {
        if (!IsRequested(arguments))
        {
            foreach (var option in new[] { ControlOption, ArmOption, HistoryOption, MaxCostOption })
            {
                if (arguments.GetValue(option) is not null)
                    throw new UsageException($"{option} goes with an experiment: add {ExperimentOption} (or {VariantsOption}, {ModelsOption}, {TemperaturesOption})");
            }

            return;
        }

        if (arguments.HasFlag(EvalVerb.UpdateBaselineOption) && arguments.GetValue(ArmOption) is null)
            throw new UsageException($"an experiment changes a baseline only from one arm: add {ArmOption} variant/model to {EvalVerb.UpdateBaselineOption}");
        if (!arguments.HasFlag(EvalVerb.UpdateBaselineOption) && arguments.GetValue(ArmOption) is not null)
            throw new UsageException($"{ArmOption} names the arm whose results become the baseline: it goes with {EvalVerb.UpdateBaselineOption}");
        _ = Temperatures(arguments);
        _ = MaxCost(arguments);
        foreach (var path in List(arguments.GetValue(HistoryOption)))
        {
            var text = InputFile.ReadText(path, HistoryOption.Name);
            if (!ExperimentJsonWriter.TryReadPassRates(text, out _, out var problem))
                throw new UsageException($"{HistoryOption}: '{path}' is not an experiment report ({ExperimentJsonWriter.FileName}): {problem}");
        }
    }

    public static int Run(ParsedArguments arguments, EvalRunRequest run, TextWriter stdout, EvalRecordsFile? records, CancellationToken cancellationToken)
    {
        var request = new ExperimentRequest
        {
            Run = run with { UpdateBaseline = false },
            Variants = List(arguments.GetValue(VariantsOption)),
            Models = List(arguments.GetValue(ModelsOption)),
            Temperatures = Temperatures(arguments),
            Control = arguments.GetValue(ControlOption),
            PromoteArm = arguments.HasFlag(EvalVerb.UpdateBaselineOption) ? arguments.GetValue(ArmOption) : null,
            History = List(arguments.GetValue(HistoryOption)),
            MaxCost = MaxCost(arguments),
        };

        ExperimentResult result;
        try
        {
            result = ExperimentRunner.RunAsync(request, cancellationToken).GetAwaiter().GetResult();
        }
        catch (EvalRunCancelledException cancelled)
        {
            return EvalVerb.ReportCancelled(cancelled, stdout, records);
        }

        if (result.Estimate is { } estimate) stdout.Write($"PromptGen experiment: estimate before the run: {estimate}.\n");
        EvalVerb.WriteFindings(result.Findings, stdout, records);

        foreach (var suite in result.Suites)
        {
            stdout.Write($"PromptGen experiment: {suite.EvalFile}: {suite.Verdict}\n");
        }

        foreach (var path in result.Reports) stdout.Write($"PromptGen experiment: report written: {path}\n");
        foreach (var path in result.BaselinesWritten) stdout.Write($"PromptGen experiment: baseline written from arm {request.PromoteArm}: {path}\n");
        stdout.Flush();
        if (records is not null)
        {
            records.AddRunFiles(result.BaselinesWritten, result.RecordingsWritten);
            foreach (var path in result.Reports) records.AddFile("report", path, ReportFormat(path));
            records.Write(result.Passed);
        }

        return CommandLine.ExitCode(result.Passed);
    }

    /// <summary>The format build tools see for an experiment report (<c>markdown</c>, <c>html</c>, <c>json</c>), by its file name.</summary>
    private static string? ReportFormat(string path) => Path.GetFileName(path) switch
    {
        ExperimentMarkdownWriter.FileName => "markdown",
        ExperimentHtmlWriter.FileName => "html",
        ExperimentJsonWriter.FileName => "json",
        _ => null,
    };

    private static IReadOnlyList<string> List(string? value) => value is null
        ? Array.Empty<string>()
        : value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

    private static IReadOnlyList<float> Temperatures(ParsedArguments arguments) => List(arguments.GetValue(TemperaturesOption)).Select(Temperature).ToList();

    private static decimal? MaxCost(ParsedArguments arguments) => arguments.GetValue(MaxCostOption) is { } cost ? Decimal(cost) : null;

    private static float Temperature(string text) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t >= 0 ? t : throw new UsageException($"{TemperaturesOption}: '{text}' is not a temperature");

    private static decimal Decimal(string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : throw new UsageException($"{MaxCostOption}: '{text}' is not an amount");
}
