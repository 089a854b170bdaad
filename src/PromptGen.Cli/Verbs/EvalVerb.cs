using System.Globalization;
using PromptGen.Cli.Arguments;
using PromptGen.Cli.Files;
using PromptGen.Cli.Output;
using PromptGen.Evals.Gate;
using PromptGen.Evals.Progress;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;
using PromptGen.Evals.Security;
using PromptGen.Evals.Sharding;

namespace PromptGen.Cli.Verbs;

/// <summary>
/// <c>promptgen eval</c>: runs a project's evals against its built assembly (the exact generated render and parse code),
/// prints findings in MSBuild's canonical form plus a summary, and exits 1 when the gate fails.
/// </summary>
internal sealed class EvalVerb : Verb
{
    internal static readonly OptionSpec AssemblyOption = new("--assembly", "dll", "The project's built assembly (default: the newest bin/**/<project>.dll).");
    internal static readonly OptionSpec ProjectDirOption = new("--project-dir", "dir", "The project directory (default: the directory given, or the nearest one with a project file).");
    private static readonly OptionSpec ModeOption = new("--mode", "replay|auto|record|live|off", "How model calls use the recordings.");
    internal static readonly OptionSpec UpdateBaselineOption = new("--update-baseline", null, "Write each eval file's baseline from this run.");
    private static readonly OptionSpec FilterOption = new("--filter", "glob", "Run only the cases whose id matches (* and ?; several separated by ';').");
    private static readonly OptionSpec ReportOption = new("--report", "dir", "Write JUnit XML, JSON, Markdown and HTML reports to this directory.");
    private static readonly OptionSpec MaxConcurrencyOption = new("--max-concurrency", "n", "Trials run at once (default PROMPTGEN_EVAL_MAX_CONCURRENCY or 4).");
    private static readonly OptionSpec ModelOption = new("--model", "name", "Model for the prompts under test (default PROMPTGEN_MODEL).");
    private static readonly OptionSpec JudgeModelOption = new("--judge-model", "name", "Model for llm-rubric judges (default PROMPTGEN_JUDGE_MODEL, else the model).");
    private static readonly OptionSpec NoProgressOption = new("--no-progress", null, "Print no progress on standard error.");
    private static readonly OptionSpec FindingsOption = new("--findings", "file", "Write the findings, the files written and the outcome to this file as JSON lines, for build tools (the findings are then not printed).");
    private static readonly OptionSpec CancelFileOption = new("--cancel-file", "file", "Cancel the run like Ctrl+C when this file appears (for build tools that cannot send a signal).");
    private static readonly OptionSpec ShardOption = new("--shard", "i/n", "Run only shard i of n: per-case rules only, no baseline, results for 'eval merge'.");
    private static readonly OptionSpec ShardOutputOption = new("--shard-output", "dir", "Where the shard writes its results (default: <report dir or promptgen-shards>/shard-i-of-n).");
    private const string MergeCommand = "merge";

    public override VerbSpec Spec { get; } = new(
        "eval",
        PositionalSpec.Any("[project dir | eval files]...  |  merge <shard folders>..."),
        "Run evals against a project's built assembly and gate them (exit code 1 when the gate fails).",
        "Runs every case of the eval files (*.eval.yaml, searched recursively in a project directory; default: the\n" +
        "current directory) with the prompts compiled into the built assembly: its generated render, options and parser.\n" +
        "Findings are printed as  path(line,col): error PG1002: message  ; then one summary line per eval file\n" +
        "(with --findings they go to that file as JSON lines instead, for build tools).\n" +
        "Model calls go through the recordings next to each eval file (modes: replay, the default when CI=true;\n" +
        "auto, the default otherwise; record; live; off). The provider is configured by PROMPTGEN_ENDPOINT,\n" +
        "PROMPTGEN_MODEL and PROMPTGEN_API_KEY (the key is read from the environment only).\n" +
        "--shard i/n runs one shard of the cases (a stable hash of eval file path and case id) and writes its results for\n" +
        "'promptgen eval merge <shard folders>... --report <dir>', which gates the whole suite as one run would.",
        new[]
        {
            AssemblyOption,
            ProjectDirOption,
            ModeOption,
            UpdateBaselineOption,
            FilterOption,
            ReportOption,
            MaxConcurrencyOption,
            ProviderArguments.EndpointOption,
            ModelOption,
            JudgeModelOption,
            NoProgressOption,
            FindingsOption,
            CancelFileOption,
            ShardOption,
            ShardOutputOption,
        }.Concat(EvalExperiment.Options).Concat(EvalScale.Options).ToList());

    public override int Execute(ParsedArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var cancelFile = arguments.GetValue(CancelFileOption);
        if (cancelFile is null) return Run(arguments, stdout, stderr, cancellationToken);
        using var watcher = new CancelFileWatcher(cancelFile, cancellationToken);
        return Run(arguments, stdout, stderr, watcher.Token);
    }

    private static int Run(ParsedArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var findingsPath = arguments.GetValue(FindingsOption);
        var records = findingsPath is null ? null : new EvalRecordsFile(FindingsOption, findingsPath);
        if (arguments.Positionals.Count > 0 && arguments.Positionals[0] == MergeCommand) return Merge(arguments, stdout, records);
        var shard = ParseShard(arguments);
        var mode = ParseMode(arguments.GetValue(ModeOption));
        EvalScale.Validate(arguments, mode);
        EvalExperiment.Validate(arguments);
        var endpoint = ProviderArguments.Endpoint(arguments);
        var maxConcurrency = ParseMaxConcurrency(arguments.GetValue(MaxConcurrencyOption));
        CheckReportFolder(arguments);
        var (projectDir, evalFiles) = ResolveInputs(arguments);
        if (evalFiles.Count == 0)
        {
            stderr.Write("promptgen eval: no eval files (*.eval.yaml) found\n");
            records?.Write(passed: true);
            return CommandLine.Success;
        }

        var assemblyPath = BuiltAssemblyFinder.Resolve(arguments, AssemblyOption, projectDir);

        var properties = new Dictionary<string, string?>
        {
            [EvalProviderOptions.Names.Endpoint] = endpoint,
            [EvalProviderOptions.Names.Model] = arguments.GetValue(ModelOption),
            [EvalProviderOptions.Names.JudgeModel] = arguments.GetValue(JudgeModelOption),
            [EvalProviderOptions.Names.MaxConcurrency] = maxConcurrency,
        };

        EvalProviderOptions options;
        EvalRunRequest request;
        try
        {
            options = EvalProviderOptions.Resolve(properties);
            var prompts = PromptCatalogLoader.Load(assemblyPath, out var assembly);
            request = new EvalRunRequest
            {
                ProjectDirectory = projectDir,
                EvalFiles = evalFiles,
                Prompts = prompts,
                Mode = mode,
                Filter = arguments.GetValue(FilterOption),
                UpdateBaseline = arguments.HasFlag(UpdateBaselineOption),
                ReportDirectory = arguments.GetValue(ReportOption),
                ProviderOptions = options,
                ClientFactory = mode is EvalMode.Replay or EvalMode.Off ? null : EvalClientFactoryLoader.Find(assembly, options.ClientFactory),
                Progress = arguments.HasFlag(NoProgressOption) ? null : ProgressReporter.ForConsole(),
                Shard = shard,
                ShardOutputDirectory = arguments.GetValue(ShardOutputOption),
            };
            request = EvalScale.Apply(arguments, request, cancellationToken);
        }
        catch (Exception exception) when (exception is PromptCatalogException or EvalProviderException)
        {
            return ProviderFailed(assemblyPath, exception.Message, stdout, records);
        }

        if (EvalExperiment.IsRequested(arguments)) return EvalExperiment.Run(arguments, request, stdout, records, cancellationToken);

        EvalRunResult result;
        try
        {
            if (!EvalScale.IsBatch(arguments))
            {
                result = EvalRunner.RunAsync(request, cancellationToken).GetAwaiter().GetResult();
            }
            else if (EvalScale.RunBatch(arguments, request, stdout, stderr, cancellationToken) is { } collected)
            {
                result = collected;
            }
            else
            {
                records?.Write("pending");
                return CommandLine.Pending;
            }
        }
        catch (EvalProviderException exception) when (EvalScale.IsBatch(arguments))
        {
            // The batch API refused a request, or the state file is unreadable: nothing was judged.
            return ProviderFailed(arguments.GetValue(EvalScale.BatchStateOption) ?? assemblyPath, exception.Message, stdout, records);
        }
        catch (EvalRunCancelledException cancelled)
        {
            return ReportCancelled(cancelled, stdout, records);
        }

        WarnWhenTheFilterMatchesNothing(request.Filter, result, stderr);
        return Finish(result, mode.ToName(), stdout, records);
    }

    /// <summary>A filter that selects no case leaves every gate passing on nothing: almost always a mistyped case id.</summary>
    private static void WarnWhenTheFilterMatchesNothing(string? filter, EvalRunResult result, TextWriter stderr)
    {
        if (filter is null || result.Suites.Count == 0 || result.Suites.Any(s => s.Result.Cases.Count > 0)) return;
        stderr.Write($"promptgen eval: warning: {FilterOption} '{filter}' matches no case of the {result.Suites.Count} eval file(s); nothing was judged.\n");
    }

    /// <summary><c>promptgen eval merge</c>: the shards' results gated as one run.</summary>
    private static int Merge(ParsedArguments arguments, TextWriter stdout, EvalRecordsFile? records)
    {
        var folders = arguments.Positionals.Skip(1).ToList();
        if (folders.Count == 0) throw new UsageException("'eval merge' needs the folder of every shard: promptgen eval merge <shard folders>... --report <dir>");
        if (arguments.GetValue(ShardOption) is not null) throw new UsageException($"{ShardOption} runs one shard; 'eval merge' takes the folders the shards wrote");
        var result = EvalShardMerger.Merge(new EvalMergeRequest
        {
            ProjectDirectory = Path.GetFullPath(arguments.GetValue(ProjectDirOption) ?? Directory.GetCurrentDirectory()),
            ShardFolders = folders.Select(Path.GetFullPath).ToList(),
            ReportDirectory = arguments.GetValue(ReportOption),
            UpdateBaseline = arguments.HasFlag(UpdateBaselineOption),
        });
        return Finish(result, result.Mode ?? "?", stdout, records);
    }

    /// <summary>A finished run (one process's, or the shards' merged): findings, summary, the findings file; the exit code.</summary>
    private static int Finish(EvalRunResult result, string mode, TextWriter stdout, EvalRecordsFile? records)
    {
        WriteFindings(result.Findings, stdout, records);
        WriteSummary(stdout, result, mode);
        stdout.Flush();
        if (records is not null)
        {
            if (result.ShardResultsWritten is not null) records.AddFile("shard", result.ShardResultsWritten);
            records.AddRunFiles(result.BaselinesWritten, result.RecordingsWritten);
            if (result.Reports is { } reports) records.AddReports(reports);
            records.Write(result.Passed);
        }

        return CommandLine.ExitCode(result.Passed);
    }

    /// <summary>A run that could not start or was refused (the provider error diagnostic at <paramref name="path"/>): the finding, the findings file marked failed; the exit code.</summary>
    internal static int ProviderFailed(string path, string message, TextWriter stdout, EvalRecordsFile? records)
    {
        var finding = new EvalFinding(EvalProviderException.ProviderErrorDiagnosticId, true, path, 1, 1, message);
        WriteFindings(new[] { finding }, stdout, records);
        records?.Write(passed: false);
        return CommandLine.ErrorsFound;
    }

    /// <summary>Findings go to the findings file when there is one (the build logs them from it), else to the console.</summary>
    internal static void WriteFindings(IEnumerable<EvalFinding> findings, TextWriter stdout, EvalRecordsFile? records)
    {
        foreach (var finding in findings)
        {
            if (records is null) stdout.Write(finding.ToMSBuildString() + "\n");
            else records.AddFinding(finding);
        }
    }

    /// <summary>What a cancelled run (an ordinary one or an experiment) kept, on the console and in the findings file; the exit code.</summary>
    internal static int ReportCancelled(EvalRunCancelledException cancelled, TextWriter stdout, EvalRecordsFile? records)
    {
        foreach (var path in cancelled.RecordingsWritten)
        {
            stdout.Write($"PromptGen evals: recordings written: {path}\n");
            records?.AddFile("recordings", path);
        }

        foreach (var error in cancelled.RecordingErrors) stdout.Write($"PromptGen evals: {EvalSecrets.Scrub(error)}\n");
        stdout.Write("PromptGen evals: cancelled; the recordings of the completed model calls were kept.\n");
        stdout.Flush();
        records?.Write("cancelled");
        return CommandLine.Cancelled;
    }

    private static EvalShard? ParseShard(ParsedArguments arguments)
    {
        var text = arguments.GetValue(ShardOption);
        if (text is null)
        {
            if (arguments.GetValue(ShardOutputOption) is not null) throw new UsageException($"{ShardOutputOption} needs {ShardOption} i/n");
            return null;
        }

        if (arguments.HasFlag(UpdateBaselineOption))
            throw new UsageException($"a shard never writes the baseline (it sees part of the suite): run 'promptgen eval merge <shard folders>... {UpdateBaselineOption}' instead");
        if (EvalExperiment.IsRequested(arguments)) throw new UsageException($"{ShardOption} runs evals, not experiments");
        try
        {
            return EvalShard.Parse(text);
        }
        catch (FormatException exception)
        {
            throw new UsageException(exception.Message);
        }
    }

    private static void WriteSummary(TextWriter stdout, EvalRunResult result, string mode)
    {
        foreach (var run in result.Suites)
        {
            var suite = run.Result;
            var gate = suite.Gate!;
            var verdict = gate.Passed ? "passed" : "FAILED";
            stdout.Write(string.Format(
                CultureInfo.InvariantCulture,
                "PromptGen evals: {0}: gate {1}; {2} of {3} judged cases passed ({4}), {5} errored; smallest detectable drop: {6}.\n",
                suite.EvalFile,
                verdict,
                gate.PassedCases,
                gate.JudgedCases,
                GateFormat.Percent(gate.PassRate),
                gate.ErroredCases,
                GateFormat.DetectableDrop(gate)));
        }

        var errors = result.Findings.Count(f => f.IsError);
        var warnings = result.Findings.Count(f => !f.IsError);
        stdout.Write(string.Format(
            CultureInfo.InvariantCulture,
            "PromptGen evals: {0} eval file(s), {1} case(s), mode {2}, {3} error(s), {4} warning(s), {5:0.00} s.\n",
            result.Suites.Count,
            result.Suites.Sum(s => s.Result.Cases.Count),
            mode,
            errors,
            warnings,
            result.Duration.TotalSeconds));
        foreach (var path in result.BaselinesWritten) stdout.Write($"PromptGen evals: baseline written: {path}\n");
        foreach (var path in result.RecordingsWritten) stdout.Write($"PromptGen evals: recordings written: {path}\n");
        if (result.Reports is { } reports) stdout.Write($"PromptGen evals: reports written: {Path.GetDirectoryName(reports.Html)}\n");
        if (result.ShardResultsWritten is { } shard) stdout.Write($"PromptGen evals: shard results written: {Path.GetDirectoryName(shard)}\n");
    }

    private static EvalMode ParseMode(string? value)
    {
        try
        {
            return EvalModes.Resolve(value);
        }
        catch (ArgumentException)
        {
            // Resolve reads the option, else PROMPTGEN_EVAL_MODE: the message names the one that holds the bad name.
            var (source, text) = string.IsNullOrWhiteSpace(value)
                ? (EvalModes.ModeVariable, Environment.GetEnvironmentVariable(EvalModes.ModeVariable))
                : (ModeOption.Name, value);
            throw new UsageException($"{source} must be {EvalModes.Expected}, not '{text}'");
        }
    }

    /// <summary>The reports' folder, checked before the run: one that cannot be created is refused before any model call.</summary>
    private static void CheckReportFolder(ParsedArguments arguments)
    {
        if (arguments.GetValue(ReportOption) is { } folder) OutputLocation.CheckFolder(ReportOption, folder);
    }

    /// <summary>The <c>--max-concurrency</c> value checked now (the provider settings would name the MSBuild property instead).</summary>
    private static string? ParseMaxConcurrency(string? value) =>
        value is null || (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1)
            ? value
            : throw new UsageException($"{MaxConcurrencyOption} must be a whole number from 1, not '{value}'");

    private static (string ProjectDir, IReadOnlyList<string> EvalFiles) ResolveInputs(ParsedArguments arguments) =>
        ResolveInputs(arguments.Positionals, arguments.GetValue(ProjectDirOption));

    /// <summary>The eval files under <paramref name="paths"/> (default: the current folder) and their project folder.</summary>
    internal static (string ProjectDir, IReadOnlyList<string> EvalFiles) ResolveInputs(IReadOnlyList<string> paths, string? projectDirOption)
    {
        var positionals = paths.Count == 0 ? new[] { "." } : paths.ToArray();
        foreach (var positional in positionals)
        {
            if (!File.Exists(positional) && !Directory.Exists(positional)) throw new UsageException($"'{positional}' does not exist");
        }

        var files = PromptFileFinder.Find(positionals).Where(f => f.IsEval).Select(f => f.DisplayPath).ToList();
        var projectDir = projectDirOption
            ?? (positionals.Length == 1 && Directory.Exists(positionals[0]) ? positionals[0] : ProjectDirectoryOf(files.FirstOrDefault()));
        return (Path.GetFullPath(projectDir), files);
    }

    /// <summary>The nearest folder above <paramref name="file"/> with a project file; else the current directory.</summary>
    private static string ProjectDirectoryOf(string? file)
    {
        var folder = file is null ? null : Path.GetDirectoryName(Path.GetFullPath(file));
        while (folder is not null)
        {
            if (Directory.EnumerateFiles(folder, "*.*proj").Any()) return folder;
            folder = Path.GetDirectoryName(folder);
        }

        return Directory.GetCurrentDirectory();
    }
}
