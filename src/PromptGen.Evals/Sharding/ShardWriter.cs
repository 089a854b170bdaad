using PromptGen.Evals.Files;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Reports;
using PromptGen.Evals.Running;
using PromptGen.Evals.Security;

namespace PromptGen.Evals.Sharding;

/// <summary>Writes one shard's results (and the recordings it made) into its folder.</summary>
internal static class ShardWriter
{
    /// <summary>Writes <see cref="ShardResults"/> for <paramref name="outcomes"/> into <paramref name="folder"/>; returns the results file.</summary>
    public static string Write(EvalRunRequest request, EvalShard shard, IReadOnlyList<SuiteOutcome> outcomes, string folder, DateTimeOffset startedAt, TimeSpan duration)
    {
        var scrubber = EvalSecrets.Scrubber;
        var suites = new List<ShardSuite>();
        var recordingsFolder = Path.Combine(folder, ShardResults.RecordingsFolder);
        foreach (var outcome in outcomes.Where(o => o.Shard is not null))
        {
            var suite = outcome.Shard!;
            string? recordings = null;
            if (outcome.ShardRecordings is { Count: > 0 } entries)
            {
                // Named by position: suite paths may hold characters a file name cannot.
                recordings = ShardResults.RecordingsFolder + "/" + suites.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".recordings.json";
                Directory.CreateDirectory(recordingsFolder);
                AtomicFile.WriteText(Path.Combine(folder, recordings), RecordingFileFormat.Write(null, entries, scrubber));
            }

            suites.Add(suite with
            {
                Results = suite.Results.Select(c => c with { Trials = c.Trials.Select(t => ReportScrubbing.Scrub(t, scrubber)).ToArray() }).ToArray(),
                Recordings = recordings,
            });
        }

        var caseLists = suites.ToDictionary(s => s.SuitePath, s => s.CaseIds, StringComparer.Ordinal);
        var files = request.EvalFiles
            .Distinct(StringComparer.Ordinal)
            .Select(f => EvalShard.SuitePathOf(request.ProjectDirectory, f))
            .Distinct(StringComparer.Ordinal)
            .Select(path => (path, ReadOrEmpty(Path.Combine(request.ProjectDirectory, path)), caseLists.TryGetValue(path, out var ids) ? ids : Array.Empty<string>()))
            .ToList();
        var mode = request.Mode.ToName();
        var results = new ShardResults
        {
            Shard = shard.Index,
            Shards = shard.Count,
            Fingerprint = ShardResults.ComputeFingerprint(mode, request.Filter, files),
            PromptGenVersion = ShardResults.RunnerVersion,
            Mode = mode,
            Filter = request.Filter,
            StartedAt = startedAt,
            Duration = duration,
            Suites = suites,
            Findings = outcomes.Where(o => o.Shard is null).SelectMany(o => o.Findings).ToList(),
        };
        return results.Write(folder);
    }

    private static byte[] ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<byte>();
        }
    }
}
