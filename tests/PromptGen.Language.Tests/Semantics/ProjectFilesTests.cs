using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PromptGen.Language.Semantics;

namespace PromptGen.Language.Tests.Semantics;

/// <summary>Reading a project's tree while other tools create and delete folders in it.</summary>
public sealed class ProjectFilesTests
{
    [Fact]
    public void Folders_deleted_while_the_tree_is_read_are_skipped_and_the_project_files_are_found()
    {
        var root = Path.Combine(Path.GetTempPath(), "promptgen-projectfiles-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "Prompts"));
        File.WriteAllText(Path.Combine(root, "Prompts", "Classify.prompt"), "hello");
        File.WriteAllText(Path.Combine(root, "Prompts", "_footer.prompt"), "bye");
        using var stop = new CancellationTokenSource();

        // Another tool's temporary folders, each created with content and deleted again at once.
        var churn = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var folder = Path.Combine(root, "tmp" + (i % 64), "deep", "deeper");
                try
                {
                    Directory.CreateDirectory(folder);
                    File.WriteAllText(Path.Combine(folder, "x.txt"), "x");
                    Directory.Delete(Path.Combine(root, "tmp" + (i % 64)), recursive: true);
                }
                catch (IOException)
                {
                }
            }
        });
        try
        {
            // Until the churn has deleted folders many times over (a race: a folder is listed, then gone).
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(2))
            {
                var files = ProjectFiles.Enumerate(root).Select(Path.GetFileName).ToArray();
                Assert.Equal(new[] { "Classify.prompt", "_footer.prompt" }, files);
            }
        }
        finally
        {
            stop.Cancel();
            churn.Wait();
            Directory.Delete(root, recursive: true);
        }
    }
}
