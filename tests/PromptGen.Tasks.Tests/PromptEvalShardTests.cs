using System;
using System.IO;
using System.Linq;

namespace PromptGen.Tasks.Tests;

/// <summary>
/// The task's shard settings (<c>PromptGenEvalShard</c>, <c>PromptGenEvalShardOutput</c>): passed to the runner as
/// <c>--shard</c> and <c>--shard-output</c>, and the runner's <c>shard</c> record becomes the <c>ShardResultsFiles</c> output.
/// </summary>
public sealed class PromptEvalShardTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "promptgen-task-shard-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingBuildEngine _engine = new();

    public PromptEvalShardTests() => Directory.CreateDirectory(_folder);

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

    [Fact]
    public void Shard_settings_reach_the_runner_and_its_shard_results_are_an_output()
    {
        if (OperatingSystem.IsWindows()) return;
        var arguments = Path.Combine(_folder, "arguments.txt");
        var shardFolder = Path.Combine(_folder, "shard out");
        var script = Path.Combine(_folder, "runner.sh");
        File.WriteAllText(script, $$"""
            for argument in "$@"; do echo "$argument" >> "{{arguments}}"; done
            while [ $# -gt 0 ]; do
              case "$1" in
                --findings) findings="$2"; shift ;;
              esac
              shift
            done
            echo '{"kind":"shard","file":"{{shardFolder}}/promptgen-shard.json"}' > "$findings"
            echo '{"kind":"end","outcome":"passed"}' >> "$findings"
            """.ReplaceLineEndings("\n") + "\n");
        Directory.CreateDirectory(Path.Combine(_folder, "Prompts"));
        File.WriteAllText(Path.Combine(_folder, "Prompts", "A.eval.yaml"), "cases: []\n");
        var task = new PromptEval
        {
            BuildEngine = _engine,
            DotNetHost = "/bin/sh",
            RunnerPath = script,
            AssemblyPath = Path.Combine(_folder, "App.dll"),
            ProjectDirectory = _folder,
            FindingsFile = Path.Combine(_folder, "obj", "findings.jsonl"),
            EvalFiles = new Microsoft.Build.Framework.ITaskItem[] { new Microsoft.Build.Utilities.TaskItem(Path.Combine(_folder, "Prompts", "A.eval.yaml")) },
            Shard = "2/4",
            ShardOutputDirectory = shardFolder + "/",
        };

        Assert.True(task.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));

        var passed = File.ReadAllLines(arguments);
        Assert.Equal("2/4", passed[Array.IndexOf(passed, "--shard") + 1]);
        Assert.Equal(shardFolder, passed[Array.IndexOf(passed, "--shard-output") + 1]);
        Assert.Equal(Path.Combine(shardFolder, "promptgen-shard.json"), Assert.Single(task.ShardResultsFiles).ItemSpec);
    }
}
