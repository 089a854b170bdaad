using PromptGen.Catalog;
using PromptGen.Evals.Baselines;
using PromptGen.Evals.Gate;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Reports;
using PromptGen.Evals.Results;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Documents;
using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.Evals.Running;

/// <summary>
/// Runs one eval file: parse and check it (PG05xx errors stop the file), link its prompt in the built catalog, run
/// every selected case and trial, apply the pass rules, gate against the baseline, then write the baseline (only when
/// asked) and the recordings.
/// </summary>
internal sealed class SuiteRunner
{
    private const string InfrastructureError = EvalProviderException.ProviderErrorDiagnosticId;

    private readonly EvalRunRequest _request;
    private readonly CaseIdFilter _filter;
    private readonly EvalCallPolicy _policy;
    private readonly SemaphoreSlim _slots;

    public SuiteRunner(EvalRunRequest request, CaseIdFilter filter, EvalCallPolicy policy, SemaphoreSlim slots)
    {
        _request = request;
        _filter = filter;
        _policy = policy;
        _slots = slots;
    }

    public async Task<SuiteOutcome> RunAsync(string evalPath, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(evalPath);
        var findings = new List<EvalFinding>();
        EvalFinding FileError(string message, int line = 1, int column = 1) => new(InfrastructureError, true, evalPath, line, column, message);

        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new SuiteOutcome { Findings = new[] { FileError($"The eval file could not be read: {exception.Message}") } };
        }

        var file = EvalFileParser.Parse(evalPath, text);
        var promptFullPath = Path.GetFullPath(EvalPromptLink.GetPromptPath(fullPath, file.PromptReference));
        var context = ReadPromptContext(promptFullPath, evalPath);
        var diagnostics = EvalChecker.Check(file, context, context is null ? Siblings(Path.GetDirectoryName(fullPath)!) : null);
        findings.AddRange(diagnostics.Select(d => new EvalFinding(
            d.Descriptor.Id, d.Descriptor.Severity == PromptDiagnosticSeverity.Error, evalPath, d.Span.StartLine, d.Span.StartColumn, d.Message)));
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
            clients = EvalModelClients.Create(_request.ProviderOptions, store, _policy, _request.ClientFactory);
        }
        catch (Exception exception) when (exception is BaselineFormatException or RecordingFormatException or EvalProviderException or IOException or UnauthorizedAccessException)
        {
            findings.Add(FileError(exception.Message));
            return new SuiteOutcome { Findings = findings };
        }

        using (clients)
        {
            var selected = file.Cases.Where(c => c.Id is not null && _filter.Matches(c.Id)).ToList();
            _request.Progress?.Start(selected.Count);
            var trials = new TrialRunner(prompt, clients, _policy.CostMeter, _request.RegexTimeout);
            CaseResult[] results;
            try
            {
                results = await Task.WhenAll(selected.Select(c => RunCaseAsync(trials, store, file, c, evalPath, cancellationToken))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw Cancelled(store, cancellationToken);
            }

            var suite = new SuiteResult { EvalFile = evalPath, PromptName = prompt.Name, Cases = results };
            var selectedIds = new HashSet<string>(selected.Select(c => c.Id!), StringComparer.Ordinal);
            var allIds = new HashSet<string>(file.Cases.Where(c => c.Id is not null).Select(c => c.Id!), StringComparer.Ordinal);
            var gateBaseline = _filter.IsAll ? baseline : Restrict(baseline, selectedIds);
            string? baselineWritten = null;
            if (_request.UpdateBaseline)
            {
                var updated = Merge(BaselineBuilder.FromSuite(suite, baseline), baseline, allIds, selectedIds);
                try
                {
                    if (BaselineStore.Write(baselinePath, updated, update: true)) baselineWritten = baselinePath;
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    findings.Add(FileError($"The baseline '{Path.GetFileName(baselinePath)}' could not be written: {exception.Message}"));
                }

                // The new baseline is what this run is judged against: updating accepts the current results.
                gateBaseline = Restrict(updated, selectedIds);
            }

            var gated = GateEvaluator.Evaluate(suite, gateBaseline, GateSettingsOf(file));
            findings.AddRange(gated.Gate!.Findings.Select(f => new EvalFinding(f.Id, f.IsError, evalPath, f.Line, f.Column, f.Message)));

            string? recordingsWritten = null;
            try
            {
                if (store.Flush(_filter.IsAll ? null : _filter.Matches)) recordingsWritten = store.FilePath;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or RecordingFormatException)
            {
                findings.Add(FileError($"The recordings '{Path.GetFileName(store.FilePath)}' could not be written: {exception.Message}"));
            }

            return new SuiteOutcome
            {
                Suite = new EvalRunSuite(gated, gateBaseline, prompt.SourcePath),
                Findings = findings,
                BaselineWritten = baselineWritten,
                RecordingsWritten = recordingsWritten,
            };
        }
    }

    /// <summary>
    /// Writes what the cancelled run recorded (the calls that completed were paid for) and says so. Pruning would
    /// need the whole run, so a cancelled run never prunes.
    /// </summary>
    private static EvalRunCancelledException Cancelled(RecordingStore store, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        var errors = new List<string>();
        try
        {
            if (store.FlushRecorded()) written.Add(store.FilePath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or RecordingFormatException)
        {
            errors.Add($"The recordings '{Path.GetFileName(store.FilePath)}' could not be written: {exception.Message}");
        }

        return new EvalRunCancelledException(written, errors, cancellationToken);
    }

    /// <summary>Writes a batch of recordings while results arrive, so an interrupted run loses at most one batch.</summary>
    private static void FlushBatchIfDue(RecordingStore store)
    {
        try
        {
            store.FlushIfDue();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or RecordingFormatException)
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

    /// <summary>The baseline of the selected cases only, so a filtered run neither pairs nor reports STALE the cases it skipped.</summary>
    private static Baseline? Restrict(Baseline? baseline, HashSet<string> caseIds) => baseline is null
        ? null
        : baseline with
        {
            Cases = baseline.Cases.Where(c => caseIds.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
        };

    /// <summary>A filtered update keeps the previous entries of the cases it did not run (while they are still in the file).</summary>
    private static Baseline Merge(Baseline fresh, Baseline? previous, HashSet<string> allIds, HashSet<string> selectedIds)
    {
        if (previous is null || selectedIds.Count == allIds.Count) return fresh;
        var cases = new SortedDictionary<string, BaselineCase>(fresh.Cases.ToDictionary(c => c.Key, c => c.Value), StringComparer.Ordinal);
        foreach (var kept in previous.Cases.Where(c => allIds.Contains(c.Key) && !selectedIds.Contains(c.Key)))
        {
            cases[kept.Key] = kept.Value;
        }

        return fresh with { Cases = cases };
    }

    private static PromptContext? ReadPromptContext(string promptFullPath, string evalPath)
    {
        if (!File.Exists(promptFullPath)) return null;
        try
        {
            // The same compile driver as the build: the eval checks see exactly the build's view of the prompt.
            return PromptContext.From(PromptProject.For(promptFullPath).CompilePrompt(promptFullPath));
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
