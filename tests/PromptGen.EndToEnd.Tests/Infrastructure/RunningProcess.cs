using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;

namespace PromptGen.EndToEnd.Tests.Infrastructure;

/// <summary>A child process that is still running: its output so far, a signal, its end.</summary>
public sealed class RunningProcess : IDisposable
{
    private const int SigInt = 2;

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

    private RunningProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static RunningProcess Start(ProcessStartInfo startInfo) => new(Process.Start(startInfo)!);

    /// <summary>Sends SIGINT (what Ctrl+C in a terminal sends) to this process only, not to its children.</summary>
    public void Interrupt()
    {
        if (Kill(_process.Id, SigInt) != 0) throw new InvalidOperationException($"kill failed: {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the exit; kills the process tree after <paramref name="timeout"/> (a hang, never a measurement).</summary>
    public async Task<ProcessResult> ExitAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(timeout)) != exited)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The process did not exit within {timeout}.\n{Describe()}");
        }

        await exited;
        _process.WaitForExit(); // drains the asynchronous output readers
        return Describe();
    }

    /// <summary>What it printed so far.</summary>
    public ProcessResult Describe() => new(
        Path.GetFileName(_process.StartInfo.FileName) + " " + string.Join(' ', _process.StartInfo.ArgumentList),
        _process.HasExited ? _process.ExitCode : -1,
        Read(_stdout),
        Read(_stderr),
        _stopwatch.Elapsed);

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

    private static string Read(StringBuilder builder)
    {
        lock (builder) return builder.ToString();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
