using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace PromptGen.Tasks;

/// <summary>
/// Runs a project's evals: the eval runner (<c>PromptGen.Cli.dll eval</c>, shipped in the package) is started with the
/// dotnet host out of process, because it loads the project's built assembly to run its generated render and parse
/// code. The runner writes its findings as structured records (<c>--findings</c>, JSON lines); each is logged as an
/// MSBuild error or warning with its code (PG05xx, PG1001–PG1004, PG1101–PG1103), the eval file, line, column and help
/// link. The runner's console output (the summary lines) is logged as messages and never parsed.
/// <para>
/// Cancelling the build (Ctrl+C) asks the runner to stop through a cancel file (<c>--cancel-file</c>, the same on every
/// platform; a signal cannot be sent to a child without a console on Windows): it abandons the calls in flight, writes
/// the recordings of the calls already paid for and exits. Only when it has not exited after
/// <see cref="CancelTimeout"/> is its process tree killed.
/// </para>
/// </summary>
public sealed class PromptEval : ToolTask
{
    /// <summary>The exit code of the runner when the gate failed (findings say why).</summary>
    private const int GateFailedExitCode = 1;

    /// <summary>The exit code of the runner when it was cancelled (128 + SIGINT).</summary>
    private const int CancelledExitCode = 130;

    /// <summary>The exit code of the runner when it stopped with provider batches still pending.</summary>
    private const int BatchPendingExitCode = 75;

    /// <summary>The exit code of the runner when its command line was refused (before anything ran).</summary>
    private const int UsageExitCode = 2;

    /// <summary>How the runner's usage errors begin; the rest names an option, which this task maps back to its property.</summary>
    private const string UsagePrefix = "promptgen eval: ";

    /// <summary>The diagnostic ID of infrastructure errors (a runner that could not run).</summary>
    private const string InfrastructureErrorCode = "PG1004";

    /// <summary>Where every PromptGen diagnostic is documented, the same pages the source generator's help links name.</summary>
    private const string HelpLinkBase = "https://github.com/promptgen/promptgen/blob/main/docs/diagnostics/";

    private readonly object _cancelLock = new();
    private readonly List<ITaskItem> _reportFiles = new();
    private readonly List<ITaskItem> _recordingFiles = new();
    private readonly List<ITaskItem> _baselineFiles = new();
    private readonly List<ITaskItem> _shardFiles = new();
    private Timer? _killTimer;
    private bool _cancelRequested;
    private bool _runnerExited;
    private string _outcome = "";
    private string? _usageError;

    // Each runner option this task passes, and the MSBuild property it comes from: a usage error of the runner names
    // the option, and a build user sets the property.
    private readonly Dictionary<string, string> _propertyOfOption = new(StringComparer.Ordinal);

    /// <summary>The eval runner: <c>PromptGen.Cli.dll</c> (run with <see cref="DotNetHost"/>).</summary>
    [Required]
    public string RunnerPath { get; set; } = "";

    /// <summary>The dotnet host that runs the runner; empty: <c>DOTNET_HOST_PATH</c>, else <c>dotnet</c> on the PATH.</summary>
    public string? DotNetHost { get; set; }

    /// <summary>The project's built assembly, whose generated prompt catalog the evals run.</summary>
    [Required]
    public string AssemblyPath { get; set; } = "";

    /// <summary>The project directory (relative report directories and the runner's working directory).</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>The eval files (<c>PromptEval</c> items).</summary>
    [Required]
    public ITaskItem[] EvalFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Where the runner writes its structured findings (JSON lines); replaced on every run.</summary>
    [Required]
    public string FindingsFile { get; set; } = "";

    /// <summary>The file whose creation asks the runner to cancel; default: <see cref="FindingsFile"/> + <c>.cancel</c>.</summary>
    public string? CancelFile { get; set; }

    /// <summary>How long a cancelled runner may take to write what it was paid for before it is killed, in milliseconds (default 30 s).</summary>
    public int CancelTimeout { get; set; } = 30_000;

    /// <summary><c>replay</c>, <c>auto</c>, <c>record</c>, <c>live</c> or <c>off</c>; empty: the runner's default.</summary>
    public string? Mode { get; set; }

    /// <summary>Write each eval file's baseline from this run.</summary>
    public bool UpdateBaseline { get; set; }

    /// <summary>Run only the cases whose id matches (globs separated by <c>;</c>).</summary>
    public string? Filter { get; set; }

    /// <summary>Run only shard <c>i/n</c> of the cases; its results go to <see cref="ShardOutputDirectory"/> for <c>promptgen eval merge</c>.</summary>
    public string? Shard { get; set; }

    /// <summary>Where a shard writes its results (default: <c>shard-i-of-n</c> under the report folder).</summary>
    public string? ShardOutputDirectory { get; set; }

    /// <summary>The shard results file a sharded run wrote.</summary>
    [Output]
    public ITaskItem[] ShardResultsFiles => _shardFiles.ToArray();

    /// <summary>Write JUnit XML, JSON, Markdown and HTML reports into this folder.</summary>
    public string? ReportDirectory { get; set; }

    /// <summary>Trials (and provider calls) at once.</summary>
    public string? MaxConcurrency { get; set; }

    /// <summary>OpenAI-compatible endpoint.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model of the prompts under test.</summary>
    public string? Model { get; set; }

    /// <summary>Model of <c>llm-rubric</c> judges.</summary>
    public string? JudgeModel { get; set; }

    /// <summary>Run the eval files as experiments: each file's <c>experiment:</c> block, or the arms given by <see cref="Variants"/>, <see cref="Models"/> and <see cref="Temperatures"/>.</summary>
    public bool Experiment { get; set; }

    /// <summary>Experiment: the variants to run (<c>all</c>, <c>base</c>, variant names), separated by <c>;</c> or <c>,</c>; replaces the blocks' list.</summary>
    public string? Variants { get; set; }

    /// <summary>Experiment: the model ids to run, separated by <c>;</c> or <c>,</c>; replaces the blocks' list.</summary>
    public string? Models { get; set; }

    /// <summary>Experiment: the temperatures to run, separated by <c>;</c> or <c>,</c>; replaces the blocks' list.</summary>
    public string? Temperatures { get; set; }

    /// <summary>Experiment: the control arm (<c>variant/model</c>); overrides the blocks' <c>control</c>.</summary>
    public string? ArmControl { get; set; }

    /// <summary>Experiment: with <see cref="UpdateBaseline"/>, the one arm (<c>variant/model</c>) whose results become the baseline.</summary>
    public string? Arm { get; set; }

    /// <summary>Experiment: earlier runs' <c>promptgen-experiment.json</c> files, oldest first, separated by <c>;</c>: the pass rate over time chart.</summary>
    public string? History { get; set; }

    /// <summary>Experiment: do not start when the estimated cost exceeds this amount, and stop calling the model once the spend does.</summary>
    public string? MaxCost { get; set; }
    /// <summary>Send the missing model calls through the provider's batch API (<c>--batch</c>).</summary>
    public bool Batch { get; set; }

    /// <summary>The batch state file (<c>--batch-state</c>): a later build with the same file collects the batches an earlier one submitted.</summary>
    public string? BatchState { get; set; }

    /// <summary>How long to wait for the batches (<c>--batch-timeout</c>: 0, 90s, 30m, 24h).</summary>
    public string? BatchTimeout { get; set; }

    /// <summary>A recordings store shared between runs (<c>--recordings-store redis://host:port</c>).</summary>
    public string? RecordingsStore { get; set; }

    /// <summary>The reports the run wrote, with <c>Format</c> metadata: <c>junit</c>, <c>json</c>, <c>markdown</c>, <c>html</c>.</summary>
    [Output]
    public ITaskItem[] ReportFiles => _reportFiles.ToArray();

    /// <summary>The recordings files the run wrote (also when it was cancelled).</summary>
    [Output]
    public ITaskItem[] RecordingFiles => _recordingFiles.ToArray();

    /// <summary>The baseline files the run wrote.</summary>
    [Output]
    public ITaskItem[] BaselineFiles => _baselineFiles.ToArray();

    /// <summary>How the run ended: <c>passed</c>, <c>failed</c> or <c>cancelled</c>; empty when the runner did not report.</summary>
    [Output]
    public string Outcome => _outcome;

    /// <inheritdoc />
    protected override string ToolName => "dotnet";

    /// <inheritdoc />
    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    /// <inheritdoc />
    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.Normal;

    private string CancelFilePath => string.IsNullOrEmpty(CancelFile) ? FindingsFile + ".cancel" : CancelFile!;

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!File.Exists(RunnerPath))
        {
            LogInfrastructureError($"The PromptGen eval runner was not found at '{RunnerPath}' (set PromptGenEvalToolPath, or EnablePromptGenEvals=false).");
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(FindingsFile))!);
        DeleteIfExists(FindingsFile);
        lock (_cancelLock)
        {
            // A cancel file left by an earlier run would stop this one at once; a cancel already asked for stops it here.
            DeleteIfExists(CancelFilePath);
            if (_cancelRequested) return false;
        }

        EnvironmentVariables = RunnerEnvironment(EnvironmentVariables);
        try
        {
            return base.Execute() && !Log.HasLoggedErrors;
        }
        finally
        {
            MarkRunnerExited();
            DeleteIfExists(CancelFilePath);
        }
    }

    /// <summary>
    /// Asks the runner to stop cleanly (it writes the recordings of the calls already paid for, then exits 130); kills
    /// its process tree if it is still running after <see cref="CancelTimeout"/>.
    /// </summary>
    public override void Cancel()
    {
        lock (_cancelLock)
        {
            if (_cancelRequested) return;
            _cancelRequested = true;
            if (_runnerExited) return;
            try
            {
                File.WriteAllText(CancelFilePath, "cancel\n");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Without the file the runner cannot be asked: stop it now.
                base.Cancel();
                return;
            }

            _killTimer = new Timer(_ => KillAfterTimeout(), null, Math.Max(0, CancelTimeout), System.Threading.Timeout.Infinite);
        }
    }

    /// <inheritdoc />
    protected override string GenerateFullPathToTool()
    {
        if (!string.IsNullOrEmpty(DotNetHost)) return DotNetHost!;
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return string.IsNullOrEmpty(fromCli) ? ToolExe : fromCli!;
    }

    /// <inheritdoc />
    protected override string GetWorkingDirectory() => ProjectDirectory;

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder();
        builder.AppendFileNameIfNotNull(RunnerPath);
        builder.AppendSwitch("eval");
        builder.AppendSwitch("--no-progress");
        builder.AppendSwitchIfNotNull("--assembly ", AssemblyPath);
        builder.AppendSwitchIfNotNull("--project-dir ", Folder(ProjectDirectory));
        builder.AppendSwitchIfNotNull("--findings ", Path.GetFullPath(FindingsFile));
        builder.AppendSwitchIfNotNull("--cancel-file ", Path.GetFullPath(CancelFilePath));
        AppendIfSet(builder, "--mode", Mode, "PromptGenEvalMode");
        AppendIfTrue(builder, "--update-baseline", UpdateBaseline, "PromptGenUpdateBaseline");
        AppendIfSet(builder, "--filter", Filter, "PromptGenEvalFilter");
        AppendIfSet(builder, "--report", Folder(ReportDirectory), "PromptGenEvalReportDir");
        AppendIfSet(builder, "--shard", Shard, "PromptGenEvalShard");
        AppendIfSet(builder, "--shard-output", Folder(ShardOutputDirectory), "PromptGenEvalShardOutput");
        AppendIfSet(builder, "--max-concurrency", MaxConcurrency, "PromptGenEvalMaxConcurrency");
        AppendIfSet(builder, "--endpoint", Endpoint, "PromptGenEndpoint");
        AppendIfSet(builder, "--model", Model, "PromptGenModel");
        AppendIfSet(builder, "--judge-model", JudgeModel, "PromptGenJudgeModel");
        AppendExperiment(builder);
        AppendIfTrue(builder, "--batch", Batch, "PromptGenEvalBatch");
        AppendIfSet(builder, "--batch-state", string.IsNullOrEmpty(BatchState) ? null : Path.GetFullPath(BatchState), "PromptGenEvalBatchState");
        AppendIfSet(builder, "--batch-timeout", BatchTimeout, "PromptGenEvalBatchTimeout");
        AppendIfSet(builder, "--recordings-store", RecordingsStore, "PromptGenEvalRecordingsStore");
        foreach (var file in EvalFiles) builder.AppendFileNameIfNotNull(file.GetMetadata("FullPath"));
        return builder.ToString();
    }

    // After this a cancel has no runner to ask, and the kill timer no process to stop.
    private void MarkRunnerExited()
    {
        lock (_cancelLock)
        {
            _runnerExited = true;
            _killTimer?.Dispose();
            _killTimer = null;
        }
    }

    /// <summary>The runner's paths are full paths: no separator rewriting (ToolTask's default on Unix).</summary>
    protected override string AdjustCommandsForOperatingSystem(string input) => input;

    /// <inheritdoc />
    protected override int ExecuteTool(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        var exitCode = base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands);
        MarkRunnerExited();

        ReadFindings(exitCode);
        return exitCode;
    }

    /// <summary>The runner's console output is logged as it is, as messages: findings come as records, never as text.</summary>
    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        // The first line of a refused command line is the reason; the usage text follows. Kept for the error below.
        if (_usageError is null && singleLine.StartsWith(UsagePrefix, StringComparison.Ordinal)) _usageError = singleLine.Substring(UsagePrefix.Length);
        Log.LogMessage(messageImportance, "{0}", singleLine);
    }

    /// <inheritdoc />
    protected override bool HandleTaskExecutionErrors()
    {
        // Cancelled: the runner said what it kept; the build reports the cancellation itself.
        if (ExitCode == CancelledExitCode || _outcome == "cancelled") return false;

        if (ExitCode == GateFailedExitCode && Log.HasLoggedErrors) return false;
        if (ExitCode == BatchPendingExitCode && !Log.HasLoggedErrors)
        {
            LogInfrastructureError(string.IsNullOrEmpty(BatchState)
                ? "The eval batches are still pending; set PromptGenEvalBatchState to a file so a later build can collect them."
                : $"The eval batches are still pending; build again with PromptGenEvalBatchState={BatchState} to collect them.");
            return false;
        }
        if (ExitCode == UsageExitCode && _usageError is { } usage && !Log.HasLoggedErrors)
        {
            LogInfrastructureError("The eval settings were refused before anything ran: " + InTermsOfProperties(usage));
            return false;
        }

        if (!Log.HasLoggedErrors)
        {
            LogInfrastructureError($"The PromptGen eval runner failed (exit code {ExitCode}); see its output above.");
        }

        return false;
    }

    private void ReadFindings(int exitCode)
    {
        var path = Path.GetFullPath(FindingsFile);
        if (!File.Exists(path))
        {
            // A runner that crashed or was killed wrote nothing; HandleTaskExecutionErrors says so.
            if (exitCode == 0) LogInfrastructureError($"The PromptGen eval runner exited without writing its findings to '{path}'.");
            return;
        }

        List<EvalRecord> records;
        try
        {
            records = EvalRecord.ReadFile(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            LogInfrastructureError($"The findings of the PromptGen eval runner could not be read from '{path}': {exception.Message}");
            return;
        }

        foreach (var record in records)
        {
            switch (record.Kind)
            {
                case "finding":
                    LogFinding(record);
                    break;
                case "report":
                    _reportFiles.Add(FileItem(record, "Format", record.GetString("format") ?? ""));
                    break;
                case "recordings":
                    _recordingFiles.Add(FileItem(record));
                    break;
                case "baseline":
                    _baselineFiles.Add(FileItem(record));
                    break;
                case "shard":
                    _shardFiles.Add(FileItem(record));
                    break;
                case "end":
                    _outcome = record.GetString("outcome") ?? "";
                    break;
                default:
                    // A newer runner's record kind: nothing this task knows to do with it.
                    break;
            }
        }

        if (_outcome.Length == 0) LogInfrastructureError($"The findings of the PromptGen eval runner in '{path}' are incomplete (no end record).");
    }

    private void LogFinding(EvalRecord record) => LogDiagnostic(
        isError: record.GetString("severity") != "warning",
        record.GetString("id") ?? InfrastructureErrorCode,
        record.GetString("message") ?? "",
        record.GetString("helpLink"),
        record.GetString("file") ?? "",
        record.GetInt32("line", 0),
        record.GetInt32("column", 0));

    /// <summary>Logs a diagnostic with its help link (by default the page of <paramref name="code"/>).</summary>
    private void LogDiagnostic(bool isError, string code, string message, string? helpLink = null, string? file = null, int line = 0, int column = 0)
    {
        helpLink ??= HelpLinkBase + code + ".md";
        // The link is also part of the text: binary logs (-bl) do not keep an event's help link, and plain-text CI logs
        // have no other place for it.
        var text = WithHelpLink(message, helpLink);
        if (isError)
        {
            Log.LogError(null, code, code, helpLink, file, line, column, 0, 0, text);
        }
        else
        {
            Log.LogWarning(null, code, code, helpLink, file, line, column, 0, 0, text);
        }
    }

    private static ITaskItem FileItem(EvalRecord record, string? metadataName = null, string? metadataValue = null)
    {
        var item = new TaskItem(record.GetString("file") ?? "");
        if (metadataName is not null) item.SetMetadata(metadataName, metadataValue ?? "");
        return item;
    }

    private void LogInfrastructureError(string message) => LogDiagnostic(isError: true, InfrastructureErrorCode, message);

    /// <summary><paramref name="message"/> followed by <c>(help: link)</c>.</summary>
    internal static string WithHelpLink(string message, string helpLink) => message + " (help: " + helpLink + ")";

    private void KillAfterTimeout()
    {
        // Under the lock: a runner that exits now is either seen as exited here, or waits for the kill request.
        lock (_cancelLock)
        {
            if (_runnerExited) return;
            LogDiagnostic(isError: false, InfrastructureErrorCode, $"The PromptGen eval runner did not stop within {CancelTimeout} ms of the cancellation; stopping it.");
            base.Cancel();
        }
    }

    /// <summary>
    /// The runner's environment: no telemetry, and, unless the build chose otherwise, the newest installed .NET runtime
    /// (<c>DOTNET_ROLL_FORWARD=LatestMajor</c>): the runner is built for .NET 8 and loads the project's assembly, which
    /// may be built for any newer .NET.
    /// </summary>
    private static string[] RunnerEnvironment(string[]? fromProject)
    {
        var variables = new List<string> { "DOTNET_CLI_TELEMETRY_OPTOUT=1" };
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROLL_FORWARD"))) variables.Add("DOTNET_ROLL_FORWARD=LatestMajor");
        if (fromProject is not null) variables.AddRange(fromProject);
        return variables.ToArray();
    }

    /// <summary>
    /// The experiment switches. MSBuild lists are separated by <c>;</c> and the runner's by <c>,</c>; any of the arm
    /// lists makes the run an experiment, as <c>--variants</c> and the others do on the command line.
    /// </summary>
    private void AppendExperiment(CommandLineBuilder builder)
    {
        AppendIfTrue(builder, "--experiment", Experiment, "PromptGenEvalExperiment");
        AppendIfSet(builder, "--variants", CommaList(Variants), "PromptGenEvalVariants");
        AppendIfSet(builder, "--models", CommaList(Models), "PromptGenEvalModels");
        AppendIfSet(builder, "--temperatures", CommaList(Temperatures), "PromptGenEvalTemperatures");
        AppendIfSet(builder, "--arm-control", ArmControl?.Trim(), "PromptGenEvalArmControl");
        AppendIfSet(builder, "--arm", Arm?.Trim(), "PromptGenEvalArm");
        AppendIfSet(builder, "--max-cost", MaxCost?.Trim(), "PromptGenEvalMaxCost");
        AppendIfSet(builder, "--history", CommaList(History), "PromptGenEvalHistory");
    }

    // A trailing backslash would escape the closing quote of the argument on Windows.
    private static string? Folder(string? path) => string.IsNullOrEmpty(path) ? null : path!.TrimEnd('\\', '/');

    private static string? CommaList(string? value) => value is null
        ? null
        : string.Join(",", value.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(v => v.Trim()).Where(v => v.Length > 0));

    private void AppendIfSet(CommandLineBuilder builder, string option, string? value, string property)
    {
        _propertyOfOption[option] = property;
        if (!string.IsNullOrEmpty(value)) builder.AppendSwitchIfNotNull(option + " ", value);
    }

    private void AppendIfTrue(CommandLineBuilder builder, string option, bool value, string property)
    {
        _propertyOfOption[option] = property;
        if (value) builder.AppendSwitch(option);
    }

    /// <summary>A runner message with each option this task passes replaced by the MSBuild property that sets it.</summary>
    private string InTermsOfProperties(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, "--[a-z][a-z-]*", option => _propertyOfOption.TryGetValue(option.Value, out var property) ? property : option.Value);

    private static void DeleteIfExists(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }
}
