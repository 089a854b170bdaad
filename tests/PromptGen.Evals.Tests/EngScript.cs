using System.Diagnostics;
using System.IO;
using PromptGen.Evals.Tests.Experiments;

namespace PromptGen.Evals.Tests;

/// <summary>Runs one of the repository's <c>eng/*.sh</c> finders (browser, redis) and returns the path it prints, if any.</summary>
internal static class EngScript
{
    /// <summary>The existing file the script printed; null without bash, on failure, or after 15 minutes (an install may take that long).</summary>
    public static string? FindTool(string relativeScript)
    {
        var script = HeadlessChromium.RepositoryFile(relativeScript);
        if (script is null || !File.Exists("/bin/bash")) return null;
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(900_000))
        {
            process.Kill(entireProcessTree: true);
            return null;
        }

        var path = output.Result.Trim();
        return process.ExitCode == 0 && path.Length > 0 && File.Exists(path) ? path : null;
    }
}
