using PromptGen.Catalog;
using PromptGen.Evals.Baselines;
using PromptGen.Evals.Files;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Results;
using PromptGen.Evals.Running;
using PromptGen.Evals.Security;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;
using PromptGen.Language.Variants;

namespace PromptGen.Evals.Experiments;

/// <summary>
/// Runs an experiment: the eval suite of each eval file once per arm (variant × model × sampling settings) with the
/// application's generated code, every arm's calls recorded under its arm id in the suite's recordings file, then
/// the per-arm statistics and the paired comparison with the control arm. It never changes a baseline.
/// </summary>
public static class ExperimentRunner
{
    private const string InfrastructureError = EvalProviderException.ProviderErrorDiagnosticId;

    /// <summary>Runs the experiment of <paramref name="request"/>: every eval file once per arm, then the comparison with the control.</summary>
    /// <exception cref="EvalRunCancelledException">
    /// <paramref name="cancellationToken"/> was cancelled; the recordings of every model call that completed were written
    /// first, and no report and no baseline were.
    /// </exception>
    public static async Task<ExperimentResult> RunAsync(ExperimentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = request.Run;
        var options = run.ProviderOptions ?? new EvalProviderOptions();
        if (request.MaxCost is decimal maxCost) options = options with { Budget = maxCost };
        EvalSecrets.Register(options);
        ExperimentEstimate? estimate = null;
        if (run.Mode is not (EvalMode.Replay or EvalMode.Off))
        {
            estimate = Estimate(request);
            if (request.MaxCost is decimal limit && estimate.Cost > limit)
            {
                return new ExperimentResult
                {
                    Estimate = estimate,
                    Findings = new[] { new EvalFinding(InfrastructureError, true, run.EvalFiles.FirstOrDefault() ?? string.Empty, 1, 1,
                        $"The experiment was not started: its estimate ({estimate}) exceeds --max-cost {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}.") },
                };
            }
        }

        var filter = CaseIdFilter.Parse(run.Filter);
        var suites = new List<ExperimentSuite>();
        var findings = new List<EvalFinding>();
        var recordings = new List<string>();
        var baselines = new List<string>();
        var concurrency = Math.Max(1, run.MaxConcurrency ?? options.MaxConcurrency);
        using (var policy = new EvalCallPolicy(options.ToResilienceOptions(), EvalCostMeter.FromOptions(options)))
        using (var slots = new SemaphoreSlim(concurrency, concurrency))
        {
            foreach (var evalFile in run.EvalFiles.Distinct(StringComparer.Ordinal))
            {
                ExperimentSuite? suite;
                List<EvalFinding> suiteFindings;
                string? written;
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    (suite, suiteFindings, written) = await RunFileAsync(request, evalFile, filter, policy, slots, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException cancelled) when (cancellationToken.IsCancellationRequested)
                {
                    // As for an ordinary run: what was paid for is kept, no report and no baseline are written.
                    var inFile = cancelled as EvalRunCancelledException;
                    throw new EvalRunCancelledException(
                        recordings.Concat(inFile?.RecordingsWritten ?? Array.Empty<string>()).ToList(),
                        inFile?.RecordingErrors ?? Array.Empty<string>(),
                        cancellationToken);
                }

                if (suite is not null) suites.Add(suite);
                if (suite is not null && request.PromoteArm is not null && Promote(request, suite, evalFile, suiteFindings) is { } baseline) baselines.Add(baseline);
                findings.AddRange(suiteFindings);
                if (written is not null) recordings.Add(written);
            }
        }

        var reports = new List<string>();
        if (!string.IsNullOrWhiteSpace(run.ReportDirectory) && suites.Count > 0)
        {
            try
            {
                reports.AddRange(ExperimentReportWriter.WriteAll(suites, request.History, run.ReportDirectory!));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                findings.Add(new EvalFinding(InfrastructureError, true, run.ReportDirectory!, 1, 1, $"The experiment reports could not be written: {exception.Message}"));
            }
        }

        return new ExperimentResult
        {
            Suites = suites,
            Findings = EvalFinding.Scrubbed(findings),
            RecordingsWritten = recordings,
            BaselinesWritten = baselines,
            Estimate = estimate,
            Reports = reports,
        };
    }

    private static async Task<(ExperimentSuite?, List<EvalFinding>, string?)> RunFileAsync(
        ExperimentRequest request, string evalPath, CaseIdFilter filter, EvalCallPolicy policy, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        var run = request.Run;
        var findings = new List<EvalFinding>();
        EvalFinding FileError(string message, int line = 1, int column = 1) => new(InfrastructureError, true, evalPath, line, column, message);
        var fullPath = Path.GetFullPath(evalPath);
        if (SuiteRunner.ReadEvalFile(fullPath, out var unreadable) is not { } text)
        {
            findings.Add(FileError(unreadable!));
            return (null, findings, null);
        }

        var file = EvalFileParser.Parse(evalPath, text);
        request = request.WithArmsOf(file.Experiment);
        var promptFullPath = Path.GetFullPath(EvalPromptLink.GetPromptPath(fullPath, file.PromptReference));
        PromptContext? context = File.Exists(promptFullPath) ? PromptProject.EvalContextOf(PromptProject.For(promptFullPath).CompilePrompt(promptFullPath)) : null;
        var diagnostics = EvalChecker.Check(file, context, null);
        findings.AddRange(diagnostics.Select(d => EvalFinding.Of(d, evalPath)));
        if (diagnostics.Any(d => d.Descriptor.Severity == PromptDiagnosticSeverity.Error)) return (null, findings, null);

        var prompt = PromptLinker.Find(run.Prompts, run.ProjectDirectory, promptFullPath, context?.PromptName);
        if (prompt is null)
        {
            findings.Add(FileError($"The prompt '{Path.GetFileName(promptFullPath)}' is not in the built assembly's prompt catalog; build the project before running its experiments."));
            return (null, findings, null);
        }

        List<(ExperimentArm Arm, IPromptDescriptor Prompt)> arms;
        try
        {
            arms = ResolveArms(request, prompt, promptFullPath);
        }
        catch (ArgumentException exception)
        {
            findings.Add(FileError(exception.Message));
            return (null, findings, null);
        }

        var controlId = request.Control is null ? arms[0].Arm.Id : ExperimentArm.Parse(request.Control).Id;
        if (arms.All(a => a.Arm.Id != controlId))
        {
            findings.Add(FileError($"The control arm '{controlId}' is not one of the arms run: {string.Join(", ", arms.Select(a => a.Arm.Id))}; name one of them with --arm-control (PromptGenEvalArmControl in MSBuild)."));
            return (null, findings, null);
        }

        RecordingStore store;
        try
        {
            store = RecordingStore.ForEvalFile(fullPath, run.Mode);
        }
        catch (Exception exception) when (EvalFileFormatException.IsUnreadableFile(exception))
        {
            findings.Add(FileError(exception.Message));
            return (null, findings, null);
        }

        var selected = file.Cases.Where(c => c.Id is not null && filter.Matches(c.Id)).ToList();
        var results = new List<ArmResult>();
        try
        {
            await RunArmsAsync(run, arms, selected, file, store, policy, slots, results, findings, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw SuiteRunner.Cancelled(store, cancellationToken);
        }

        // Nothing is pruned: other arms and ordinary runs keep their recordings.
        var written = store.FlushReporting(s => s.Flush(_ => false), out var recordingsError);
        if (recordingsError is not null) findings.Add(FileError(recordingsError));

        // An arm that could not run leaves no comparison to make; the arms before it keep their recordings.
        if (results.Count < arms.Count) return (null, findings, written);

        foreach (var arm in results)
        {
            foreach (var error in arm.Cases.Where(c => c.IsError))
            {
                var trial = error.Trials.First(t => t.IsError);
                findings.Add(new EvalFinding(trial.ErrorId ?? InfrastructureError, true, evalPath, error.Line, error.Column, $"[{arm.Arm.Id}] case '{error.CaseId}': {trial.Error}"));
            }
        }

        // Relative to the project, so the JSON results do not depend on where the project is checked out.
        var suite = ArmStatistics.Compare(PromptLinker.Relative(run.ProjectDirectory, fullPath), prompt.Name, controlId, request.Alpha, results);
        return (suite, findings, written);
    }

    /// <summary>
    /// Runs every arm's cases into <paramref name="results"/>, in arm order; stops at an arm whose model clients cannot
    /// be made (the finding says why, and <paramref name="results"/> is then short of arms).
    /// </summary>
    private static async Task RunArmsAsync(
        EvalRunRequest run, List<(ExperimentArm Arm, IPromptDescriptor Prompt)> arms, List<EvalCase> selected, EvalFile file, RecordingStore store,
        EvalCallPolicy policy, SemaphoreSlim slots, List<ArmResult> results, List<EvalFinding> findings, CancellationToken cancellationToken)
    {
        foreach (var (arm, armPrompt) in arms)
        {
            var providerOptions = run.ProviderOptions ?? new EvalProviderOptions();
            if (arm.Model is not null) providerOptions = providerOptions with { Model = arm.Model };
            EvalModelClients clients;
            try
            {
                clients = EvalModelClients.Create(providerOptions, store, policy, run.ClientFactory, run.SharedRecordings);
            }
            catch (EvalProviderException exception)
            {
                findings.Add(new EvalFinding(InfrastructureError, true, file.Path, 1, 1, exception.Message));
                return;
            }

            using (clients)
            {
                var trials = new TrialRunner(new ArmPromptDescriptor(armPrompt, arm), clients, policy.CostMeter, run.RegexTimeout, arm.Id);
                var cases = await Task.WhenAll(selected.Select(c => trials.RunCaseAsync(file, c, slots, null, cancellationToken))).ConfigureAwait(false);
                results.Add(new ArmResult(arm, armPrompt.SourcePath, cases, ArmStatistics.Summarize(cases, policy.CostMeter is not null)));
            }
        }
    }

    /// <summary>The estimate of every eval file with its own arms (the request's, else its experiment: block's).</summary>
    private static ExperimentEstimate Estimate(ExperimentRequest request)
    {
        var total = new ExperimentEstimate(0, 0, 0, null, 0);
        foreach (var (evalPath, fullPath, file) in ExperimentEstimate.ExistingEvalFiles(request.Run))
        {
            var fileRequest = request.WithArmsOf(file.Experiment);
            var one = ExperimentEstimate.For(fileRequest with { Run = fileRequest.Run with { EvalFiles = new[] { evalPath } } }, ArmIds(fileRequest, fullPath, file));
            total = new ExperimentEstimate(
                total.Calls + one.Calls,
                total.InputTokens + one.InputTokens,
                total.OutputTokens + one.OutputTokens,
                one.Cost is decimal cost ? (total.Cost ?? 0m) + cost : total.Cost,
                total.Unknown + one.Unknown);
        }

        return total;
    }

    /// <summary>The arm ids of one eval file, with <c>all</c> resolved against the variant files beside its prompt.</summary>
    private static IReadOnlyList<string> ArmIds(ExperimentRequest request, string fullPath, EvalFile file)
    {
        var variants = new List<string?>();
        var promptPath = Path.GetFullPath(EvalPromptLink.GetPromptPath(fullPath, file.PromptReference));
        var siblings = Directory.Exists(Path.GetDirectoryName(promptPath)) ? Directory.GetFiles(Path.GetDirectoryName(promptPath)!, "*" + PartialFile.Extension) : Array.Empty<string>();
        var available = PromptVariantFile.VariantsOf(promptPath, siblings).Select(v => (string?)v.Variant).ToList();
        if (request.Variants.Count == 0) variants.Add(null);
        foreach (var name in request.Variants)
        {
            if (name == EvalExperiment.AllVariants) variants.AddRange(new string?[] { null }.Concat(available));
            else variants.Add(name == ExperimentArm.BaseName ? null : name);
        }

        var models = request.Models.Count == 0 ? new List<string?> { null } : request.Models.Select(m => (string?)m).ToList();
        var temperatures = request.Temperatures.Count == 0 ? new List<float?> { null } : request.Temperatures.Select(t => (float?)t).ToList();
        return variants.Distinct().SelectMany(v => models.SelectMany(m => temperatures.Select(t => new ExperimentArm(v, m, t).Id))).ToList();
    }

    /// <summary>Writes the promoted arm's results as the eval file's baseline; the path written, or null.</summary>
    private static string? Promote(ExperimentRequest request, ExperimentSuite suite, string evalPath, List<EvalFinding> findings)
    {
        var id = ExperimentArm.Parse(request.PromoteArm!).Id;
        var arm = suite.Arms.FirstOrDefault(a => a.Arm.Id == id);
        if (arm is null)
        {
            findings.Add(new EvalFinding(InfrastructureError, true, evalPath, 1, 1, $"--arm '{id}' is not one of the arms run: {string.Join(", ", suite.Arms.Select(a => a.Arm.Id))}; no baseline was changed."));
            return null;
        }

        var path = BaselinePaths.ForEvalFile(Path.GetFullPath(evalPath));
        try
        {
            var previous = BaselineStore.TryRead(path);
            var baseline = BaselineBuilder.FromSuite(new SuiteResult { EvalFile = evalPath, PromptName = suite.PromptName, Cases = arm.Cases }, previous);
            return BaselineStore.Write(path, baseline, update: true) ? path : null;
        }
        catch (Exception exception) when (EvalFileFormatException.IsUnreadableFile(exception))
        {
            findings.Add(new EvalFinding(InfrastructureError, true, evalPath, 1, 1, $"The baseline could not be written from arm '{id}': {exception.Message}"));
            return null;
        }
    }

    /// <summary>The arms: variants (by the language core's variant rule) × models × temperatures, control first when it is among them.</summary>
    private static List<(ExperimentArm, IPromptDescriptor)> ResolveArms(ExperimentRequest request, IPromptDescriptor prompt, string promptFullPath)
    {
        var run = request.Run;
        var siblings = Directory.GetFiles(Path.GetDirectoryName(promptFullPath)!, "*" + PartialFile.Extension);
        var available = PromptVariantFile.VariantsOf(promptFullPath, siblings).Select(v => v.Variant).ToList();
        var variants = new List<string?>();
        if (request.Variants.Count == 0) variants.Add(null);
        foreach (var name in request.Variants)
        {
            if (string.Equals(name, "all", StringComparison.Ordinal))
            {
                variants.Add(null);
                variants.AddRange(available);
            }
            else if (name == ExperimentArm.BaseName)
            {
                variants.Add(null);
            }
            else if (available.Contains(name, StringComparer.Ordinal))
            {
                variants.Add(name);
            }
            else
            {
                throw new ArgumentException($"The prompt '{Path.GetFileName(promptFullPath)}' has no variant '{name}'; its variants are: {(available.Count == 0 ? "(none)" : string.Join(", ", available))}.");
            }
        }

        var models = request.Models.Count == 0 ? new List<string?> { null } : request.Models.Select(m => (string?)m).ToList();
        var temperatures = request.Temperatures.Count == 0 ? new List<float?> { null } : request.Temperatures.Select(t => (float?)t).ToList();
        var arms = new List<(ExperimentArm, IPromptDescriptor)>();
        foreach (var variant in variants.Distinct())
        {
            var descriptor = variant is null
                ? prompt
                : PromptLinker.Find(run.Prompts, run.ProjectDirectory, PromptVariantFile.PathOf(promptFullPath, variant), null)
                    ?? throw new ArgumentException($"The variant '{variant}' is not in the built assembly's prompt catalog; build the project first.");
            foreach (var model in models)
            {
                foreach (var temperature in temperatures) arms.Add((new ExperimentArm(variant, model, temperature), descriptor));
            }
        }

        return arms;
    }
}
