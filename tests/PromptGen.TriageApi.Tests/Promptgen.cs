using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace PromptGen.TriageApi.Tests;

/// <summary>Runs the <c>promptgen</c> tool built next to the tests, as a separate process.</summary>
internal static class Promptgen
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add("--runtimeconfig");
        start.ArgumentList.Add(Path.Combine(folder, "PromptGen.TriageApi.Tests.runtimeconfig.json"));
        // This folder's dependency set: the tool's own deps file names package builds of framework assemblies that a
        // net10.0 test output does not carry.
        start.ArgumentList.Add("--depsfile");
        start.ArgumentList.Add(Path.Combine(folder, "PromptGen.TriageApi.Tests.deps.json"));
        start.ArgumentList.Add(Path.Combine(folder, "PromptGen.Cli.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in new System.Collections.Generic.List<string>(start.Environment.Keys))
        {
            if (name.StartsWith("PROMPTGEN_", StringComparison.OrdinalIgnoreCase)) start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, $"exit {process.ExitCode}\n--- stdout\n{await stdout}\n--- stderr\n{await stderr}");
    }
}
