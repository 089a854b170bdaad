using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;

namespace PromptGen.Cli.Tests;

/// <summary>The promptgen CLI as a separate process (for what only a process has: signals, concurrent runs, its streams).</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CliProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_stdout) return _stdout.ToString();
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    /// <summary>Starts <c>promptgen</c> with <paramref name="arguments"/>; <paramref name="environment"/> replaces any PROMPTGEN_* variable.</summary>
    public static CliProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The CLI's own deps.json (net8.0) names package assemblies the net10.0 test folder gets from the shared
        // framework instead, so run it with the test assembly's dependency and runtime files.
        var folder = AppContext.BaseDirectory;
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add("--depsfile");
        start.ArgumentList.Add(Path.Combine(folder, "PromptGen.Cli.Tests.deps.json"));
        start.ArgumentList.Add("--runtimeconfig");
        start.ArgumentList.Add(Path.Combine(folder, "PromptGen.Cli.Tests.runtimeconfig.json"));
        start.ArgumentList.Add(Path.Combine(folder, "PromptGen.Cli.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in new List<string>(start.Environment.Keys))
        {
            if (name.StartsWith("PROMPTGEN_", StringComparison.OrdinalIgnoreCase)) start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment) start.Environment[name] = value;
        return new CliProcess(Process.Start(start)!);
    }

    /// <summary>Waits for the exit (killing the process after <paramref name="timeout"/>) and returns its exit code.</summary>
    public async Task<int> ExitAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(timeout)) != exited)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"promptgen did not exit within {timeout}.\n{this}");
        }

        await exited;
        return _process.ExitCode;
    }

    /// <summary>Sends SIGINT, what Ctrl+C in a terminal sends (Unix only).</summary>
    public void Interrupt()
    {
        if (Kill(_process.Id, SigInt) != 0) throw new InvalidOperationException($"kill failed: {Marshal.GetLastPInvokeError()}");
    }

    public override string ToString() => $"--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null) return;
        lock (builder) builder.Append(line).Append('\n');
    }

    private const int SigInt = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
