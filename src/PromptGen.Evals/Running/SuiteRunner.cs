using PromptGen.Catalog;
using PromptGen.Evals.Baselines;
using PromptGen.Evals.Files;
using PromptGen.Evals.Gate;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Reports;
using PromptGen.Evals.Results;
using PromptGen.Evals.Sharding;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Documents;
using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;

namespace PromptGen.Evals.Running;

/// <summary>
/// Runs one eval file: parse and check it (PG05xx errors stop the file), link its prompt in the built catalog, run
/// every selected case and trial, apply the pass rules, gate against the baseline, then write the baseline (only when
/// asked) and the recordings.
/// </summary>
internal sealed class SuiteRunner(EvalRunRequest request, CaseIdFilter filter, EvalCallPolicy policy, SemaphoreSlim slots)
{
    private const string InfrastructureError = EvalProviderException.ProviderErrorDiagnosticId;

    private readonly EvalRunRequest _request = request;
    private readonly CaseIdFilter _filter = filter;
    private readonly EvalCallPolicy _policy = policy;
    private readonly SemaphoreSlim _slots = slots;

    public async Task<SuiteOutcome> RunAsync(string evalPath, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(evalPath);
        var findings = new List<EvalFinding>();
        EvalFinding FileError(string message, int line = 1, int column = 1) => new(InfrastructureError, true, evalPath, line, column, message);

        if (ReadEvalFile(fullPath, out var unreadable) is not { } text)
            return new SuiteOutcome { Findings = new[] { FileError(unreadable!) } };

        var file = EvalFileParser.Parse(evalPath, text);
        var promptFullPath = Path.GetFullPath(EvalPromptLink.GetPromptPath(fullPath, file.PromptReference));
        var context = ReadPromptContext(promptFullPath, evalPath);
        var diagnostics = EvalChecker.Check(file, context, context is null ? Siblings(Path.GetDirectoryName(fullPath)!) : null);
        findings.AddRange(diagnostics.Select(d => EvalFinding.Of(d, evalPath)));
        if (diagnostics.Any(d => d.Descriptor.Severity == PromptDiagnosticSeverity.Error)) return new SuiteOutcome { Findings = findings };

        var prompt = PromptLinker.Find(_request.Prompts, _request.ProjectDirectory, promptFullPath, context?.PromptName);
        if (prompt is null)
        {
            var span = file.PromptReferenceSpan;
            findings.Add(FileError(
                $"The prompt '{Path.GetFileName(promptFullPath)}' is not in the built assembly's prompt catalog; build the project (with PromptGen's source generator) before running its evals.",
                span?.StartLine ?? 1,
                span?.StartColumn ?? 1));
            return new SuiteOutcome { Findings = findings };
        }

        var baselinePath = BaselinePaths.ForEvalFile(fullPath);
        Baseline? baseline;
        RecordingStore store;
        EvalModelClients clients;
        try
        {
            baseline = BaselineStore.TryRead(baselinePath);
            store = RecordingStore.ForEvalFile(fullPath, _request.Mode);
            clients = EvalModelClients.Create(_request.ProviderOptions, store, _policy, _request.ClientFactory, _request.SharedRecordings);
        }
        catch (Exception exception) when (exception is EvalProviderException || EvalFileFormatException.IsUnreadableFile(exception))
        {
            findings.Add(FileError(exception.Message));
            return new SuiteOutcome { Findings = findings };
        }

        using (clients)
        {
            var suitePath = EvalShard.SuitePathOf(_request.ProjectDirectory, fullPath);
            var suiteCases = file.Cases.Where(c => c.Id is not null && _filter.Matches(c.Id)).ToList();
            var shard = _request.Shard;
            var selected = shard is null ? suiteCases : suiteCases.Where(c => shard.Contains(suitePath, c.Id!)).ToList();
            _request.Progress?.Start(selected.Count);
            var trials = new TrialRunner(prompt, clients, _policy.CostMeter, _request.RegexTimeout);
            CaseResult[] results;
            try
            {
                using (RecordingContext.EnterEvalFile(Path.GetRelativePath(_request.ProjectDirectory.Length == 0 ? "." : _request.ProjectDirectory, fullPath).Replace('\\', '/')))
                    results = await Task.WhenAll(selected.Select(c => RunCaseAsync(trials, store, file, c, evalPath, cancellationToken))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw Cancelled(store, cancellationToken);
            }

            var suite = new SuiteResult { EvalFile = evalPath, PromptName = prompt.Name, Cases = results };
            var selectedIds = new HashSet<string>(selected.Select(c => c.Id!), StringComparer.Ordinal);
            var allIds = file.Cases.Where(c => c.Id is not null).Select(c => c.Id!).Distinct(StringComparer.Ordinal).ToList();
            var settings = GateSettingsOf(file);
            SuiteGate.Outcome gated;
            if (shard is null)
            {
                gated = SuiteGate.Apply(suite, baseline, settings, baselinePath, _request.UpdateBaseline, allIds, selectedIds);
            }
            else
            {
                // One shard sees part of the suite: only what holds per case is decided here; `eval merge` gates the whole.
                var partial = GateEvaluator.Evaluate(suite, SuiteGate.Restrict(baseline, selectedIds), settings);
                gated = new SuiteGate.Outcome(
                    partial,
                    SuiteGate.Restrict(baseline, selectedIds),
                    partial.Gate!.Findings.Where(SuiteGate.HoldsPerCase).ToList(),
                    null,
                    null);
            }

            var checkFindings = findings.ToList();
            if (gated.BaselineError is not null) findings.Add(FileError(gated.BaselineError));
            findings.AddRange(gated.GateFindings.Select(f => new EvalFinding(f.Id, f.IsError, evalPath, f.Line, f.Column, f.Message)));

            bool Prunable(string caseId) => _filter.Matches(caseId) && (shard is null || shard.Contains(suitePath, caseId));
            var recordingsWritten = store.FlushReporting(s => s.Flush(_filter.IsAll && shard is null ? null : Prunable), out var recordingsError);
            if (recordingsError is not null) findings.Add(FileError(recordingsError));

            return new SuiteOutcome
            {
                Suite = new EvalRunSuite(gated.Suite, gated.Baseline, prompt.SourcePath),
                Findings = findings,
                BaselineWritten = gated.BaselineWritten,
                RecordingsWritten = recordingsWritten,
                Shard = shard is null ? null : new ShardSuite
                {
                    EvalFile = evalPath,
                    SuitePath = suitePath,
                    PromptName = prompt.Name,
                    Target = prompt.SourcePath,
                    CaseIds = suiteCases.Select(c => c.Id!).ToList(),
                    AllCaseIds = allIds,
                    Gate = settings,
                    Results = results,
                    Findings = checkFindings,
                },
                ShardRecordings = shard is null || store.Mode is not (EvalMode.Auto or EvalMode.Record)
                    ? null
                    : store.Entries.Where(e => e.Key is not null && e.Trial is not null && selectedIds.Contains(e.CaseId)).ToList(),
            };
        }
    }

    /// <summary>
    /// Writes what the cancelled run recorded (the calls that completed were paid for) and says so. Pruning would
    /// need the whole run, so a cancelled run never prunes.
    /// </summary>
    internal static EvalRunCancelledException Cancelled(RecordingStore store, CancellationToken cancellationToken)
    {
        var written = store.FlushReporting(s => s.FlushRecorded(), out var error);
        return new EvalRunCancelledException(
            written is null ? Array.Empty<string>() : new[] { written }, error is null ? Array.Empty<string>() : new[] { error }, cancellationToken);
    }

    /// <summary>The text of an eval file, or null with <paramref name="problem"/> saying why it could not be read.</summary>
    internal static string? ReadEvalFile(string fullPath, out string? problem)
    {
        try
        {
            problem = null;
            return BoundedFile.ReadAllText(fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = $"The eval file could not be read: {exception.Message}";
            return null;
        }
    }

    /// <summary>Writes a batch of recordings while results arrive, so an interrupted run loses at most one batch.</summary>
    private static void FlushBatchIfDue(RecordingStore store)
    {
        try
        {
            store.FlushIfDue();
        }
        catch (Exception exception) when (EvalFileFormatException.IsUnreadableFile(exception))
        {
            // Retried by the next batch and by the final write, which reports the problem as a finding.
        }
    }

    private async Task<CaseResult> RunCaseAsync(TrialRunner trials, RecordingStore store, EvalFile file, EvalCase evalCase, string evalPath, CancellationToken cancellationToken)
    {
        var result = await trials.RunCaseAsync(file, evalCase, _slots, () => FlushBatchIfDue(store), cancellationToken).ConfigureAwait(false);
        _request.Progress?.CaseCompleted(evalPath, result);
        return result;
    }

    private static GateSettings GateSettingsOf(EvalFile file) => new()
    {
        MinPassRate = file.Gate.MinPassRate,
        Tolerance = file.Gate.Tolerance,
        Alpha = file.Gate.Alpha,
        Line = file.Gate.Span?.StartLine ?? 1,
        Column = file.Gate.Span?.StartColumn ?? 1,
    };

    private static PromptContext? ReadPromptContext(string promptFullPath, string evalPath)
    {
        if (!File.Exists(promptFullPath)) return null;
        try
        {
            // The same compile driver as the build: the eval checks see exactly the build's view of the prompt.
            return PromptProject.EvalContextOf(PromptProject.For(promptFullPath).CompilePrompt(promptFullPath));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Siblings(string folder)
    {
        try
        {
            return Directory.GetFiles(folder, "*" + EvalPromptLink.PromptExtension).Select(Path.GetFileName).OfType<string>().ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }
}
