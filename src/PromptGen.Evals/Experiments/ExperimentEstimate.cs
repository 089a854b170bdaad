using System.Globalization;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;
using PromptGen.Language.Evals;
using PromptGen.Language.Text;

namespace PromptGen.Evals.Experiments;

/// <summary>
/// What a live experiment will cost before it runs: its model calls (cases × trials × arms) and the tokens each call
/// used in the suite's recordings (the arm's own recordings when it has some, else every recorded call of the suite),
/// priced with the configured prices.
/// </summary>
/// <param name="Calls">Model calls the experiment makes.</param>
/// <param name="InputTokens">Estimated input tokens.</param>
/// <param name="OutputTokens">Estimated output tokens.</param>
/// <param name="Cost">Estimated cost; null when no prices are configured.</param>
/// <param name="Unknown">Calls with no recording to estimate from (counted in <paramref name="Calls"/>, not in the tokens).</param>
public sealed record ExperimentEstimate(int Calls, long InputTokens, long OutputTokens, decimal? Cost, int Unknown)
{
    /// <summary>The eval files of <paramref name="run"/> that exist, each once, parsed (an estimate skips the others).</summary>
    internal static IEnumerable<(string Path, string FullPath, EvalFile File)> ExistingEvalFiles(EvalRunRequest run)
    {
        foreach (var evalPath in run.EvalFiles.Distinct(StringComparer.Ordinal))
        {
            var fullPath = Path.GetFullPath(evalPath);
            if (File.Exists(fullPath)) yield return (evalPath, fullPath, EvalFileParser.Parse(evalPath, BoundedFile.ReadAllText(fullPath)));
        }
    }

    /// <summary>Estimates <paramref name="arms"/> over the eval files of <paramref name="request"/>.</summary>
    public static ExperimentEstimate For(ExperimentRequest request, IReadOnlyList<string> arms)
    {
        var options = request.Run.ProviderOptions;
        var filter = CaseIdFilter.Parse(request.Run.Filter);
        int calls = 0, unknown = 0;
        double input = 0, output = 0;
        foreach (var (_, fullPath, file) in ExistingEvalFiles(request.Run))
        {
            var trials = file.Cases.Where(c => c.Id is not null && filter.Matches(c.Id)).Sum(c => Math.Max(1, c.EffectiveTrials(file.Defaults)));
            var recordingsPath = RecordingStore.PathForEvalFile(fullPath);
            var entries = File.Exists(recordingsPath)
                ? RecordingStore.Open(recordingsPath, EvalMode.Replay).Entries.Where(e => e.Kind == RecordingKind.Chat && e.Response.InputTokens is not null).ToList()
                : new List<RecordingEntry>();
            foreach (var arm in arms)
            {
                calls += trials;
                var own = entries.Where(e => e.Arm == arm).ToList();
                var basis = own.Count > 0 ? own : entries;
                if (basis.Count == 0)
                {
                    unknown += trials;
                    continue;
                }

                input += trials * basis.Average(e => (double)e.Response.InputTokens!.Value);
                output += trials * basis.Average(e => (double)(e.Response.OutputTokens ?? 0));
            }
        }

        var inputTokens = (long)Math.Round(input);
        var outputTokens = (long)Math.Round(output);
        decimal? cost = options.InputPricePerMillionTokens is decimal inPrice && options.OutputPricePerMillionTokens is decimal outPrice
            ? (inputTokens * inPrice + outputTokens * outPrice) / 1_000_000m
            : null;
        return new ExperimentEstimate(calls, inputTokens, outputTokens, cost, unknown);
    }

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0} model calls, about {1} input and {2} output tokens, cost {3}{4}",
            Calls, InputTokens, OutputTokens,
            Cost is decimal c ? c.ToString("0.######", CultureInfo.InvariantCulture) : "unknown (no prices configured)",
            Unknown > 0 ? $"; {Unknown} calls have no recording to estimate from" : string.Empty);
}
