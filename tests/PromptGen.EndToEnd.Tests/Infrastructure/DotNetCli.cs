using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PromptGen.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs the dotnet CLI (or an installed tool) as a child process, in a clean environment: no telemetry, no logo, no
/// MSBuild node reuse, and none of the MSBuild variables the test host inherits from `dotnet test`, which would make
/// the child build use the test run's MSBuild instead of resolving its own.
/// </summary>
public static class DotNetCli
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    /// <summary>The dotnet executable that runs these tests (the CLI sets DOTNET_HOST_PATH for its children).</summary>
    public static string DotNetPath { get; } = FindDotNet();

    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments) =>
        RunProcessAsync(DotNetPath, workingDirectory, arguments);

    /// <summary>Like <see cref="RunAsync(string, string[])"/> with extra environment variables (null removes one).</summary>
    public static Task<ProcessResult> RunWithEnvironmentAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        RunProcessAsync(DotNetPath, workingDirectory, arguments, environment);

    public static async Task<ProcessResult> RunProcessAsync(string fileName, string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = StartInfo(fileName, workingDirectory, arguments, environment);
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' did not finish within {s_timeout.TotalMinutes} minutes.");
        }

        return new ProcessResult($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)}", process.ExitCode, await stdout, await stderr, stopwatch.Elapsed);
    }

    /// <summary>Starts the dotnet CLI without waiting for it, for what needs a running process (a signal).</summary>
    public static RunningProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        RunningProcess.Start(StartInfo(DotNetPath, workingDirectory, arguments, environment));

    private static ProcessStartInfo StartInfo(string fileName, string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        PrepareEnvironment(startInfo.Environment);
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null) startInfo.Environment.Remove(key);
                else startInfo.Environment[key] = value;
            }
        }

        return startInfo;
    }

    private static void PrepareEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var key in new List<string>(environment.Keys))
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("_MSBuild", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                environment.Remove(key);
            }
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        environment["MSBUILDDISABLENODEREUSE"] = "1";
    }

    private static string FindDotNet()
    {
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath)) return hostPath;
        var processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return processPath;
        return "dotnet";
    }
}
