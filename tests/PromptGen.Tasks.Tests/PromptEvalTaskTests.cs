using System;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace PromptGen.Tasks.Tests;

/// <summary>
/// The task <c>PromptEval</c> with a shell script in place of the runner (the task starts <c>DotNetHost RunnerPath
/// eval ...</c>; here <c>/bin/sh script eval ...</c>): what it logs from the structured records, what it ignores in
/// the console text, its output items, exit codes, and cancellation through the cancel file.
/// </summary>
public sealed class PromptEvalTaskTests : IDisposable
{
    private const string HelpLink = "https://github.com/promptgen/promptgen/blob/main/docs/diagnostics/";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>Reads --findings and --cancel-file like the real runner; the scenario follows.</summary>
    private const string ArgumentParsing = """
        while [ $# -gt 0 ]; do
          case "$1" in
            --findings) findings="$2"; shift ;;
            --cancel-file) cancel="$2"; shift ;;
          esac
          shift
        done

        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "promptgen-task-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingBuildEngine _engine = new();

    public PromptEvalTaskTests()
    {
        Directory.CreateDirectory(_folder);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string EvalFile => Path.Combine(_folder, "Prompts", "Classify.eval.yaml");

    [Fact]
    public void A_failed_gate_logs_each_record_with_code_location_and_help_link_and_never_parses_the_console_text()
    {
        if (OperatingSystem.IsWindows()) return;
        var task = Task(ArgumentParsing + $$"""
            cat > "$findings" <<'EOF'
            {"kind":"finding","id":"PG1002","severity":"error","file":"{{EvalFile}}","line":8,"column":9,"message":"Case 'crash' regressed: got {\"category\":\"billing\"}.","helpLink":"{{HelpLink}}PG1002.md"}
            {"kind":"finding","id":"PG1101","severity":"warning","file":"{{EvalFile}}","line":3,"column":9,"message":"Case 'refund' is flaky.","helpLink":"{{HelpLink}}PG1101.md"}
            {"kind":"report","format":"junit","file":"{{_folder}}/reports/promptgen-evals.junit.xml"}
            {"kind":"report","format":"html","file":"{{_folder}}/reports/promptgen-evals.html"}
            {"kind":"baseline","file":"{{_folder}}/Prompts/Classify.eval.baseline.json"}
            {"kind":"future-kind","file":"ignored"}
            {"kind":"end","outcome":"failed"}
            EOF
            echo "Prompts/Other.eval.yaml(1,1): error PG1001: console text looks like an error"
            echo "PromptGen evals: Classify.eval.yaml: gate FAILED"
            exit 1
            """);

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("PG1002", error.Code);
        Assert.Equal(EvalFile, error.File);
        Assert.Equal((8, 9), (error.LineNumber, error.ColumnNumber));
        Assert.Equal(HelpLink + "PG1002.md", error.HelpLink);
        Assert.Equal("PG1002", error.HelpKeyword);
        Assert.Equal($"Case 'crash' regressed: got {{\"category\":\"billing\"}}. (help: {HelpLink}PG1002.md)", error.Message);
        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal(("PG1101", 3), (warning.Code, warning.LineNumber));
        Assert.Contains(_engine.Messages, m => m.Message == "Prompts/Other.eval.yaml(1,1): error PG1001: console text looks like an error");
        Assert.Contains(_engine.Messages, m => m.Message == "PromptGen evals: Classify.eval.yaml: gate FAILED" && m.Importance == MessageImportance.High);
        Assert.Equal(new[] { ("junit", "promptgen-evals.junit.xml"), ("html", "promptgen-evals.html") },
            task.ReportFiles.Select(i => (i.GetMetadata("Format"), Path.GetFileName(i.ItemSpec))));
        Assert.Equal("Classify.eval.baseline.json", Path.GetFileName(Assert.Single(task.BaselineFiles).ItemSpec));
        Assert.Empty(task.RecordingFiles);
        Assert.Equal("failed", task.Outcome);
    }

    [Fact]
    public void A_passing_run_succeeds_and_passes_every_setting_to_the_runner()
    {
        if (OperatingSystem.IsWindows()) return;
        var arguments = Path.Combine(_folder, "arguments.txt");
        var task = Task($$"""
            for argument in "$@"; do echo "$argument" >> "{{arguments}}"; done
            """ + "\n" + ArgumentParsing + """
            echo '{"kind":"end","outcome":"passed"}' > "$findings"
            """);
        task.Mode = "record";
        task.UpdateBaseline = true;
        task.Filter = "refund*;crash";
        task.ReportDirectory = Path.Combine(_folder, "my reports") + "/";
        task.MaxConcurrency = "2";
        task.Endpoint = "http://127.0.0.1:1/v1";
        task.Model = "model one";
        task.JudgeModel = "judge";

        Assert.True(task.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));

        Assert.Empty(_engine.Errors);
        Assert.Equal("passed", task.Outcome);
        var passed = File.ReadAllLines(arguments);
        Assert.Equal(new[] { "eval", "--no-progress" }, passed[..2]);
        Assert.Equal(EvalFile, passed[^1]);
        Assert.Equal(Path.Combine(_folder, "my reports"), After(passed, "--report"));
        Assert.Equal("refund*;crash", After(passed, "--filter"));
        Assert.Equal("model one", After(passed, "--model"));
        Assert.Equal(("record", "2", "judge"), (After(passed, "--mode"), After(passed, "--max-concurrency"), After(passed, "--judge-model")));
        Assert.Contains("--update-baseline", passed);
        Assert.Equal(task.FindingsFile, After(passed, "--findings"));
    }

    [Fact]
    public void Batch_and_shared_store_properties_reach_the_runner()
    {
        if (OperatingSystem.IsWindows()) return;
        var arguments = Path.Combine(_folder, "arguments.txt");
        var task = Task($$"""
            for argument in "$@"; do echo "$argument" >> "{{arguments}}"; done
            """ + "\n" + ArgumentParsing + """
            echo '{"kind":"end","outcome":"passed"}' > "$findings"
            """);
        task.Batch = true;
        task.BatchState = Path.Combine(_folder, "batch state.json");
        task.BatchTimeout = "0";
        task.RecordingsStore = "redis://127.0.0.1:6379";

        Assert.True(task.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));

        var passed = File.ReadAllLines(arguments);
        Assert.Contains("--batch", passed);
        Assert.Equal(Path.Combine(_folder, "batch state.json"), After(passed, "--batch-state"));
        Assert.Equal("0", After(passed, "--batch-timeout"));
        Assert.Equal("redis://127.0.0.1:6379", After(passed, "--recordings-store"));
    }

    [Fact]
    public void Batches_left_pending_fail_the_target_saying_how_to_collect_them()
    {
        if (OperatingSystem.IsWindows()) return;
        var task = Task(ArgumentParsing + "echo '{\"kind\":\"end\",\"outcome\":\"pending\"}' > \"$findings\"\nexit 75");
        task.Batch = true;
        task.BatchState = "obj/batch.json";

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("PG1004", error.Code);
        Assert.StartsWith("The eval batches are still pending; build again with PromptGenEvalBatchState=obj/batch.json to collect them.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runner_that_crashes_without_findings_is_PG1004_with_its_exit_code()
    {
        if (OperatingSystem.IsWindows()) return;
        var task = Task("echo 'promptgen eval: internal error: boom' >&2\nexit 3");

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("PG1004", error.Code);
        Assert.StartsWith("The PromptGen eval runner failed (exit code 3)", error.Message, StringComparison.Ordinal);
        Assert.Equal(HelpLink + "PG1004.md", error.HelpLink);
        Assert.Contains(_engine.Messages, m => m.Message == "promptgen eval: internal error: boom");
    }

    [Fact]
    public void A_refused_setting_is_PG1004_naming_the_msbuild_property_not_the_runners_option()
    {
        if (OperatingSystem.IsWindows()) return;
        var task = Task("""
            echo "promptgen eval: --max-cost goes with an experiment: add --experiment (or --variants, --models, --temperatures)" >&2
            echo "" >&2
            echo "usage: promptgen eval [project dir | eval files]... [--max-cost <amount>]" >&2
            exit 2
            """);
        task.MaxCost = "5";

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("PG1004", error.Code);
        Assert.StartsWith(
            "The eval settings were refused before anything ran: PromptGenEvalMaxCost goes with an experiment: add PromptGenEvalExperiment (or PromptGenEvalVariants, PromptGenEvalModels, PromptGenEvalTemperatures)",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Records_without_an_end_record_or_a_missing_runner_are_PG1004()
    {
        if (OperatingSystem.IsWindows()) return;
        var incomplete = Task(ArgumentParsing + """
            echo '{"kind":"report","format":"json","file":"x.json"}' > "$findings"
            """);
        Assert.False(incomplete.Execute());
        Assert.Contains("incomplete (no end record)", Assert.Single(_engine.Errors).Message, StringComparison.Ordinal);

        _engine.Errors.Clear();
        var missing = Task("exit 0");
        missing.RunnerPath = Path.Combine(_folder, "nope", "PromptGen.Cli.dll");
        Assert.False(missing.Execute());
        Assert.Contains("was not found", Assert.Single(_engine.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancel_creates_the_cancel_file_the_runner_writes_what_it_kept_and_nothing_is_an_error()
    {
        if (OperatingSystem.IsWindows()) return;
        var started = Path.Combine(_folder, "started");
        var task = Task(ArgumentParsing + $$"""
            touch "{{started}}"
            while [ ! -f "$cancel" ]; do sleep 0.05; done
            printf '%s\n' '{"kind":"recordings","file":"{{_folder}}/Prompts/Classify.eval.recordings.json"}' '{"kind":"end","outcome":"cancelled"}' > "$findings"
            echo "PromptGen evals: cancelled; the recordings of the completed model calls were kept."
            exit 130
            """);

        var result = RunThenCancel(task, started);

        Assert.False(result);
        Assert.Empty(_engine.Errors);
        Assert.Empty(_engine.Warnings);
        Assert.Equal("cancelled", task.Outcome);
        Assert.Equal("Classify.eval.recordings.json", Path.GetFileName(Assert.Single(task.RecordingFiles).ItemSpec));
        Assert.False(File.Exists(task.FindingsFile + ".cancel"), "the cancel file is removed after the run");
    }

    [Fact]
    public void A_runner_that_ignores_the_cancel_file_is_killed_after_the_cancel_timeout()
    {
        if (OperatingSystem.IsWindows()) return;
        var started = Path.Combine(_folder, "started");
        var task = Task($$"""
            touch "{{started}}"
            while true; do sleep 0.05; done
            """);
        task.CancelTimeout = 100;

        var result = RunThenCancel(task, started);

        Assert.False(result);
        Assert.Contains(_engine.Warnings, w => w.Code == "PG1004" && w.Message!.Contains("did not stop within 100 ms", StringComparison.Ordinal));
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void A_stale_cancel_file_from_an_earlier_build_does_not_cancel_the_next_run()
    {
        if (OperatingSystem.IsWindows()) return;
        var task = Task(ArgumentParsing + """
            if [ -f "$cancel" ]; then exit 130; fi
            echo '{"kind":"end","outcome":"passed"}' > "$findings"
            """);
        Directory.CreateDirectory(Path.GetDirectoryName(task.FindingsFile)!);
        File.WriteAllText(task.FindingsFile + ".cancel", "cancel\n");

        Assert.True(task.Execute());
    }

    private bool RunThenCancel(PromptEval task, string started)
    {
        var result = false;
        var thread = new Thread(() => result = task.Execute());
        thread.Start();
        var deadline = DateTime.UtcNow + Patience;
        while (!File.Exists(started))
        {
            if (DateTime.UtcNow > deadline || !thread.IsAlive) throw new InvalidOperationException("The runner did not start.");
            Thread.Sleep(20);
        }

        task.Cancel();
        if (!thread.Join(Patience)) throw new TimeoutException("The task did not return after Cancel.");
        return result;
    }

    [Fact]
    public void Experiment_properties_become_the_runners_experiment_switches_with_msbuild_lists_as_comma_lists()
    {
        if (OperatingSystem.IsWindows()) return;
        var arguments = Path.Combine(_folder, "arguments.txt");
        var task = Task($$"""
            for argument in "$@"; do echo "$argument" >> "{{arguments}}"; done
            """ + "\n" + ArgumentParsing + """
            echo '{"kind":"end","outcome":"passed"}' > "$findings"
            """);
        task.Experiment = true;
        task.Variants = "base; concise";
        task.Models = "gpt-4o-mini;gpt-4.1-nano;";
        task.Temperatures = "0;0.7";
        task.ArmControl = "base/gpt-4o-mini@t=0";
        task.UpdateBaseline = true;
        task.Arm = "concise/gpt-4.1-nano@t=0";
        task.MaxCost = "0.50";
        task.History = "/runs/1/promptgen-experiment.json;/runs/2/promptgen-experiment.json";

        Assert.True(task.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));

        var passed = File.ReadAllLines(arguments);
        Assert.Contains("--experiment", passed);
        Assert.Equal("base,concise", After(passed, "--variants"));
        Assert.Equal("gpt-4o-mini,gpt-4.1-nano", After(passed, "--models"));
        Assert.Equal("0,0.7", After(passed, "--temperatures"));
        Assert.Equal("base/gpt-4o-mini@t=0", After(passed, "--arm-control"));
        Assert.Equal(("concise/gpt-4.1-nano@t=0", "0.50"), (After(passed, "--arm"), After(passed, "--max-cost")));
        Assert.Equal("/runs/1/promptgen-experiment.json,/runs/2/promptgen-experiment.json", After(passed, "--history"));
        Assert.Contains("--update-baseline", passed);
        Assert.Equal(EvalFile, passed[^1]);
    }

    [Fact]
    public void Without_experiment_properties_the_runner_gets_no_experiment_switch()
    {
        if (OperatingSystem.IsWindows()) return;
        var arguments = Path.Combine(_folder, "arguments.txt");
        var task = Task($$"""
            for argument in "$@"; do echo "$argument" >> "{{arguments}}"; done
            """ + "\n" + ArgumentParsing + """
            echo '{"kind":"end","outcome":"passed"}' > "$findings"
            """);
        task.Variants = " ; ";

        Assert.True(task.Execute());

        var passed = File.ReadAllLines(arguments);
        Assert.DoesNotContain(passed, a => a is "--experiment" or "--variants" or "--models" or "--temperatures" or "--arm-control" or "--arm" or "--max-cost" or "--history");
    }

    private PromptEval Task(string script)
    {
        var runner = Path.Combine(_folder, "runner.sh");
        File.WriteAllText(runner, script.ReplaceLineEndings("\n") + "\n");
        Directory.CreateDirectory(Path.GetDirectoryName(EvalFile)!);
        File.WriteAllText(EvalFile, "cases: []\n");
        return new PromptEval
        {
            BuildEngine = _engine,
            DotNetHost = "/bin/sh",
            RunnerPath = runner,
            AssemblyPath = Path.Combine(_folder, "bin", "Consumer.dll"),
            ProjectDirectory = _folder,
            EvalFiles = new ITaskItem[] { new TaskItem(EvalFile) },
            FindingsFile = Path.Combine(_folder, "obj", "promptgen-evals.findings.jsonl"),
        };
    }

    private static string After(string[] arguments, string option) => arguments[Array.IndexOf(arguments, option) + 1];
}
