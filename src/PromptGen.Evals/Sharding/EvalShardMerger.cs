using System.Globalization;
using PromptGen.Evals.Baselines;
using PromptGen.Evals.Files;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Reports;
using PromptGen.Evals.Results;
using PromptGen.Evals.Running;
using PromptGen.Language.Diagnostics;

namespace PromptGen.Evals.Sharding;

/// <summary>
/// <c>promptgen eval merge</c>: checks that the shards of a sharded run are complete and consistent, then gates the whole
/// suite from their per-trial results exactly as one run would (same gate, statistics, reports, baseline and exit code).
/// </summary>
public static class EvalShardMerger
{
    /// <summary>
    /// Merges the shards of <paramref name="request"/>. Inconsistent shards give findings PG1005–PG1008 and nothing is
    /// gated or written; otherwise the result is the one a single run over the whole suite would give.
    /// </summary>
    public static EvalRunResult Merge(EvalMergeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var findings = new List<EvalFinding>();
        var shards = new List<(string Folder, ShardResults Results)>();
        foreach (var folder in request.ShardFolders)
        {
            try
            {
                shards.Add((folder, ShardResults.Read(folder)));
            }
            catch (InvalidDataException exception)
            {
                findings.Add(Error(DiagnosticDescriptors.ShardMissing, folder, exception.Message));
            }
        }

        if (findings.Count == 0) Validate(shards, findings);
        if (findings.Count > 0 || shards.Count == 0)
        {
            if (shards.Count == 0 && findings.Count == 0)
                findings.Add(Error(DiagnosticDescriptors.ShardMissing, request.ProjectDirectory, "No shard folders were given: name the folder of every shard."));
            return EvalRunResult.Of(findings, Array.Empty<EvalRunSuite>(), null, Array.Empty<string>(), Array.Empty<string>(), watch.Elapsed) with
            {
                Mode = shards.Count == 0 ? null : shards[0].Results.Mode,
            };
        }

        var ordered = shards.OrderBy(s => s.Results.Shard).ToList();
        var first = ordered[0].Results;
        var suites = new List<EvalRunSuite>();
        var baselines = new List<string>();
        var recordings = new List<string>();
        var whole = new List<(ShardSuite Template, List<(string Folder, int Shard, ShardSuite? Suite)> Parts, Dictionary<string, CaseResult> ById)>();
        foreach (var shard in ordered)
        {
            // Every shard ran every eval file that could run; one that could not in one shard only (an unreadable
            // baseline on that machine) leaves that shard without its part.
            foreach (var extra in shard.Results.Suites.Where(s => first.Suites.All(f => f.SuitePath != s.SuitePath)))
                findings.Add(Error(DiagnosticDescriptors.ShardCasesDoNotAddUp, shard.Folder, $"Shard {shard.Results.Shard} has results for {extra.EvalFile}, which shard {first.Shard} did not run."));
        }

        foreach (var template in first.Suites)
        {
            var parts = ordered
                .Select(s => (s.Folder, s.Results.Shard, Suite: s.Results.Suites.FirstOrDefault(x => x.SuitePath == template.SuitePath)))
                .ToList();
            var lacking = parts.Where(p => p.Suite is null).ToList();
            foreach (var part in lacking)
                findings.Add(Error(DiagnosticDescriptors.ShardCasesDoNotAddUp, part.Folder, $"Shard {part.Shard} has no results for {template.EvalFile}; every shard must run every eval file."));
            if (lacking.Count > 0) continue;
            var byId = new Dictionary<string, CaseResult>(StringComparer.Ordinal);
            foreach (var part in parts)
            {
                foreach (var result in part.Suite!.Results)
                {
                    if (!byId.TryAdd(result.CaseId, result))
                        findings.Add(Error(DiagnosticDescriptors.ShardCasesDoNotAddUp, part.Folder, $"Case '{result.CaseId}' of {template.EvalFile} is in more than one shard (again in shard {part.Shard}); shards must not overlap."));
                }
            }

            var missing = template.CaseIds.Where(id => !byId.ContainsKey(id)).ToList();
            var unknown = byId.Keys.Except(template.CaseIds, StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
                findings.Add(Error(DiagnosticDescriptors.ShardCasesDoNotAddUp, template.EvalFile, $"The shards have no result for {missing.Count} case(s) of the suite: {Names(missing)}; together the shards must be the whole suite."));
            if (unknown.Count > 0)
                findings.Add(Error(DiagnosticDescriptors.ShardCasesDoNotAddUp, template.EvalFile, $"The shards have results for {unknown.Count} case(s) that are not in the suite: {Names(unknown)}."));
            whole.Add((template, parts, byId));
        }

        if (findings.Count > 0)
            return EvalRunResult.Of(findings, Array.Empty<EvalRunSuite>(), null, Array.Empty<string>(), Array.Empty<string>(), watch.Elapsed) with { Mode = first.Mode };

        findings.AddRange(first.Findings);
        foreach (var (template, parts, byId) in whole)
        {
            var suite = new SuiteResult
            {
                EvalFile = template.EvalFile,
                PromptName = template.PromptName,
                Cases = template.CaseIds.Select(id => byId[id] with { Verdict = default }).ToList(),
            };
            var evalFullPath = Path.GetFullPath(Path.Combine(request.ProjectDirectory, template.SuitePath));
            var baselinePath = BaselinePaths.ForEvalFile(evalFullPath);
            Baseline? baseline;
            try
            {
                baseline = BaselineStore.TryRead(baselinePath);
            }
            catch (Exception exception) when (EvalFileFormatException.IsUnreadableFile(exception))
            {
                findings.AddRange(template.Findings);
                findings.Add(Error(DiagnosticDescriptors.EvalInfrastructureError, template.EvalFile, exception.Message));
                continue;
            }

            var gated = SuiteGate.Apply(
                suite, baseline, template.Gate, baselinePath, request.UpdateBaseline, template.AllCaseIds, new HashSet<string>(template.CaseIds, StringComparer.Ordinal));
            var suiteFindings = template.Findings.ToList();
            if (gated.BaselineError is not null) suiteFindings.Add(Error(DiagnosticDescriptors.EvalInfrastructureError, template.EvalFile, gated.BaselineError));
            suiteFindings.AddRange(gated.GateFindings.Select(f => new EvalFinding(f.Id, f.IsError, template.EvalFile, f.Line, f.Column, f.Message)));
            var recordingError = MergeRecordings(parts, evalFullPath, out var recordingsWritten);
            if (recordingError is not null) suiteFindings.Add(Error(DiagnosticDescriptors.EvalInfrastructureError, template.EvalFile, recordingError));
            findings.AddRange(suiteFindings.OrderBy(f => f.Line).ThenBy(f => f.Column));
            if (gated.BaselineWritten is not null) baselines.Add(gated.BaselineWritten);
            if (recordingsWritten is not null) recordings.Add(recordingsWritten);
            suites.Add(new EvalRunSuite(gated.Suite, gated.Baseline, template.Target));
        }

        ReportFiles? reports = null;
        if (!string.IsNullOrWhiteSpace(request.ReportDirectory))
        {
            var run = new EvalRun
            {
                Suites = suites,
                Mode = first.Mode,
                StartedAt = ordered.Min(s => s.Results.StartedAt),
                // The wall-clock time of the slowest shard: shards run side by side.
                Duration = ordered.Max(s => s.Results.Duration),
            };
            reports = ReportWriter.TryWriteAll(run, request.ReportDirectory!, findings);
        }

        return EvalRunResult.Of(findings, suites, reports, baselines, recordings, watch.Elapsed) with { Mode = first.Mode };
    }

    /// <summary>Every shard 1..n once, one n, one fingerprint (PG1005–PG1007).</summary>
    private static void Validate(IReadOnlyList<(string Folder, ShardResults Results)> shards, List<EvalFinding> findings)
    {
        var counts = shards.Select(s => s.Results.Shards).Distinct().OrderBy(n => n).ToList();
        if (counts.Count > 1)
        {
            foreach (var shard in shards)
                findings.Add(Error(DiagnosticDescriptors.ShardsMismatched, shard.Folder, $"Shard {shard.Results.Shard}/{shard.Results.Shards} was split {shard.Results.Shards} ways, but the shards given were split {string.Join(" and ", counts)} ways; merge the shards of one run."));
            return;
        }

        var fingerprints = shards.GroupBy(s => s.Results.Fingerprint, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ToList();
        if (fingerprints.Count > 1)
        {
            var expected = fingerprints[0].First().Results;
            foreach (var shard in fingerprints.Skip(1).SelectMany(g => g))
            {
                var why = shard.Results.PromptGenVersion != expected.PromptGenVersion ? $"PromptGen {shard.Results.PromptGenVersion} against {expected.PromptGenVersion}"
                    : shard.Results.Mode != expected.Mode ? $"mode {shard.Results.Mode} against {expected.Mode}"
                    : shard.Results.Filter != expected.Filter ? $"filter '{shard.Results.Filter}' against '{expected.Filter}'"
                    : "different eval files or cases";
                findings.Add(Error(DiagnosticDescriptors.ShardsMismatched, shard.Folder, $"Shard {shard.Results.Shard}/{shard.Results.Shards} ran another suite than shard {expected.Shard} ({why}; fingerprint {Short(shard.Results.Fingerprint)} against {Short(expected.Fingerprint)}); run every shard from the same commit and settings."));
            }

            return;
        }

        var n = counts[0];
        foreach (var duplicate in shards.GroupBy(s => s.Results.Shard).Where(g => g.Count() > 1))
        {
            foreach (var again in duplicate.Skip(1))
                findings.Add(Error(DiagnosticDescriptors.ShardDuplicated, again.Folder, $"Shard {duplicate.Key}/{n} was given more than once (also in '{duplicate.First().Folder}'); give each shard's folder once."));
        }

        var present = new HashSet<int>(shards.Select(s => s.Results.Shard));
        var absent = Enumerable.Range(1, n).Where(i => !present.Contains(i)).ToList();
        if (absent.Count > 0)
        {
            findings.Add(Error(DiagnosticDescriptors.ShardMissing, shards[0].Folder, $"Shard(s) {string.Join(", ", absent.Select(i => i.ToString(CultureInfo.InvariantCulture) + "/" + n.ToString(CultureInfo.InvariantCulture)))} missing: the run was split {n} ways and every shard's results are needed to gate the whole suite."));
        }
    }

    /// <summary>Writes the recordings the shards made (auto and record modes) into the eval file's recordings file.</summary>
    private static string? MergeRecordings(IReadOnlyList<(string Folder, int Shard, ShardSuite? Suite)> parts, string evalFullPath, out string? written)
    {
        written = null;
        var withRecordings = parts.Where(p => p.Suite?.Recordings is not null).ToList();
        if (withRecordings.Count == 0) return null;
        try
        {
            var store = RecordingStore.ForEvalFile(evalFullPath, EvalMode.Auto);
            foreach (var part in withRecordings)
            {
                var path = Path.Combine(part.Folder, part.Suite!.Recordings!);
                var ids = new HashSet<string>(part.Suite.Results.Select(r => r.CaseId), StringComparer.Ordinal);
                var (_, entries) = RecordingFileFormat.Read(path, File.ReadAllBytes(path));
                foreach (var entry in entries.Where(e => e.Key is not null && e.Trial is not null && ids.Contains(e.CaseId))) store.Save(entry);
            }

            if (store.FlushRecorded()) written = store.FilePath;
            return null;
        }
        catch (Exception exception) when (EvalFileFormatException.IsUnreadableFile(exception))
        {
            return $"The shards' recordings could not be merged into '{Path.GetFileName(RecordingStore.PathForEvalFile(evalFullPath))}': {exception.Message}";
        }
    }

    private static EvalFinding Error(PromptDiagnosticDescriptor diagnostic, string path, string message) => new(diagnostic.Id, true, path, 1, 1, message);

    private static string Names(IReadOnlyList<string> ids) =>
        string.Join(", ", ids.Take(5).Select(id => "'" + id + "'")) + (ids.Count > 5 ? $" and {ids.Count - 5} more" : string.Empty);

    private static string Short(string fingerprint) => fingerprint.Length > 12 ? fingerprint.Substring(0, 12) : fingerprint;
}
