using System.Diagnostics;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Reports;
using PromptGen.Evals.Security;
using PromptGen.Evals.Sharding;

namespace PromptGen.Evals.Running;

/// <summary>
/// The eval runner: one implementation behind <c>promptgen eval</c> and the MSBuild <c>PromptEval</c> target. Runs the
/// application's own generated code (through its prompt catalog) for every case of every eval file, gates each file
/// against its baseline, and returns findings located in the eval files.
/// </summary>
public static class EvalRunner
{
    /// <summary>
    /// Runs the eval files of <paramref name="request"/> and gates each against its baseline. Cancelling
    /// <paramref name="cancellationToken"/> stops the run: the recordings of the completed model calls are written, then
    /// an <see cref="EvalRunCancelledException"/> is thrown.
    /// </summary>
    public static async Task<EvalRunResult> RunAsync(EvalRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Shard is not null && request.UpdateBaseline)
            throw new ArgumentException("A shard never writes the baseline: update it with 'promptgen eval merge --update-baseline' over every shard's results.", nameof(request));
        var watch = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        var filter = CaseIdFilter.Parse(request.Filter);
        var options = request.ProviderOptions ?? new EvalProviderOptions();
        var concurrency = Math.Max(1, request.MaxConcurrency ?? options.MaxConcurrency);

        var suites = new List<EvalRunSuite>();
        var findings = new List<EvalFinding>();
        var baselines = new List<string>();
        var recordings = new List<string>();
        var outcomes = new List<SuiteOutcome>();
        // Known before anything can echo it: the configured key never reaches a recording, a report or the console.
        EvalSecrets.Register(options);
        using (var policy = new EvalCallPolicy(options.ToResilienceOptions(), EvalCostMeter.FromOptions(options)))
        using (var slots = new SemaphoreSlim(concurrency, concurrency))
        {
            var runner = new SuiteRunner(request, filter, policy, slots);
            foreach (var evalFile in request.EvalFiles.Distinct(StringComparer.Ordinal))
            {
                SuiteOutcome outcome;
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    outcome = await runner.RunAsync(evalFile, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException cancelled) when (cancellationToken.IsCancellationRequested)
                {
                    request.Progress?.Complete();
                    var suite = cancelled as EvalRunCancelledException;
                    throw new EvalRunCancelledException(
                        recordings.Concat(suite?.RecordingsWritten ?? Array.Empty<string>()).ToList(),
                        suite?.RecordingErrors ?? Array.Empty<string>(),
                        cancellationToken);
                }

                outcomes.Add(outcome);
                if (outcome.Suite is not null) suites.Add(outcome.Suite);
                findings.AddRange(outcome.Findings.OrderBy(f => f.Line).ThenBy(f => f.Column));
                if (outcome.BaselineWritten is not null) baselines.Add(outcome.BaselineWritten);
                if (outcome.RecordingsWritten is not null) recordings.Add(outcome.RecordingsWritten);
            }
        }

        request.Progress?.Complete();
        ReportFiles? reports = null;
        string? shardResults = null;
        if (request.Shard is { } shard)
        {
            var folder = ShardFolder(request, shard);
            try
            {
                shardResults = ShardWriter.Write(request, shard, outcomes, folder, startedAt, watch.Elapsed);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                findings.Add(new EvalFinding(
                    EvalProviderException.ProviderErrorDiagnosticId, true, folder, 1, 1, $"The shard results could not be written: {exception.Message}"));
            }
        }
        else if (!string.IsNullOrWhiteSpace(request.ReportDirectory))
        {
            var run = new EvalRun { Suites = suites, Mode = request.Mode.ToName(), StartedAt = startedAt, Duration = watch.Elapsed };
            reports = ReportWriter.TryWriteAll(run, request.ReportDirectory!, findings);
        }

        return EvalRunResult.Of(findings, suites, reports, baselines, recordings, watch.Elapsed) with
        {
            ShardResultsWritten = shardResults,
            Mode = request.Mode.ToName(),
        };
    }

    /// <summary>Where shard <paramref name="shard"/> writes its results (see <see cref="EvalRunRequest.ShardOutputDirectory"/>).</summary>
    public static string ShardFolder(EvalRunRequest request, EvalShard shard)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(shard);
        if (!string.IsNullOrWhiteSpace(request.ShardOutputDirectory)) return Path.GetFullPath(request.ShardOutputDirectory!);
        var parent = string.IsNullOrWhiteSpace(request.ReportDirectory)
            ? Path.Combine(request.ProjectDirectory, "promptgen-shards")
            : request.ReportDirectory!;
        return Path.GetFullPath(Path.Combine(parent, $"shard-{shard.Index}-of-{shard.Count}"));
    }
}
