using PromptGen.Evals.Results;

namespace PromptGen.Evals.Baselines;

/// <summary>Turns a run's results into a baseline.</summary>
public static class BaselineBuilder
{
    /// <summary>
    /// Builds the baseline for <paramref name="suite"/>. A case with an infrastructure error was not judged, so it keeps
    /// its entry from <paramref name="previous"/> (or gets none); cases no longer in the suite are dropped.
    /// </summary>
    public static Baseline FromSuite(SuiteResult suite, Baseline? previous = null)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var cases = new SortedDictionary<string, BaselineCase>(StringComparer.Ordinal);
        foreach (var result in suite.Cases)
        {
            if (result.IsError || result.Trials.Count == 0)
            {
                if (previous?.Find(result.CaseId) is { } kept) cases[result.CaseId] = kept;
                continue;
            }

            cases[result.CaseId] = FromCase(result);
        }

        return new Baseline { Prompt = suite.PromptName, Cases = cases };
    }

    public static BaselineCase FromCase(CaseResult result)
    {
        // Group assertions by identity in first-seen order, counting the trials each held in.
        var order = new List<(string Kind, string Description, bool Gating)>();
        var counts = new Dictionary<(string, string, bool), int>();
        foreach (var trial in result.Trials)
        {
            // The same description twice in one trial is still two assertions: number the repeats.
            var seen = new Dictionary<(string, string, bool), int>();
            foreach (var a in trial.Assertions)
            {
                var raw = (a.Kind, a.Description, a.Gating);
                seen.TryGetValue(raw, out var repeat);
                seen[raw] = repeat + 1;
                var key = (a.Kind, repeat == 0 ? a.Description : $"{a.Description} #{repeat + 1}", a.Gating);
                if (!counts.ContainsKey(key))
                {
                    counts[key] = 0;
                    order.Add(key);
                }

                if (a.Passed) counts[key]++;
            }
        }

        return new BaselineCase
        {
            Trials = result.Trials.Count,
            PassedTrials = result.PassedTrials,
            Passed = result.Passed,
            Assertions = order.Select(k => new BaselineAssertion(k.Kind, k.Description, k.Gating, counts[k])).ToArray(),
        };
    }
}
