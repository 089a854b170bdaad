using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace PromptGen.Benchmarks;

/// <summary>
/// A peer that runs in a node process of its own and serves timed rounds over its standard input and output: it
/// prepares its work, writes one line starting with <c>ready</c>, then answers every command line with one line
/// <c>&lt;wall ns&gt; &lt;cpu ns&gt;</c>, the elapsed wall nanoseconds it measured itself around the work (so the
/// pipe's latency is not in the figure) and its process CPU time over the same work (getrusage, as
/// <see cref="RoundTime"/> reads it on the .NET side); <c>quit</c> ends it. Used for the Dotprompt JS reference
/// (<see cref="DotpromptJsServer"/>) and BAML's parser (<see cref="BamlServer"/>).
/// Every failure (the process does not start, exits, answers out of protocol or too late) is a
/// <see cref="NodeRoundServerException"/> with the process's standard error in the message.
/// </summary>
internal sealed class NodeRoundServer : IDisposable
{
    /// <summary>A command asks for milliseconds of work; a minute means the peer hangs.</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _name;
    private readonly StringBuilder _standardError = new();

    private NodeRoundServer(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>The words of the ready line after <c>ready</c> (what the peer prepared, for the caller to check).</summary>
    public string[] ReadyFields { get; private set; } = Array.Empty<string>();

    /// <summary>Starts the process and waits for its ready line.</summary>
    /// <param name="start">The command; its standard streams are redirected here.</param>
    /// <param name="name">What the messages call the process (the peer's name).</param>
    /// <param name="readyTimeout">How long preparing may take.</param>
    public static NodeRoundServer Start(ProcessStartInfo start, string name, TimeSpan readyTimeout)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.StandardOutputEncoding = Encoding.UTF8;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new NodeRoundServerException($"{name}: '{start.FileName}' did not start");
        }
        catch (Win32Exception e)
        {
            throw new NodeRoundServerException($"{name}: cannot start '{start.FileName}': {e.Message}");
        }

        var server = new NodeRoundServer(process, name);
        try
        {
            process.ErrorDataReceived += (_, e) => server.KeepStandardError(e.Data);
            process.BeginErrorReadLine();
            process.StandardInput.AutoFlush = true;
            var first = server.ReadLine(readyTimeout, "the ready line");
            var fields = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0] != "ready")
            {
                throw server.Failure($"expected 'ready', the process wrote '{first}'");
            }

            server.ReadyFields = fields[1..];
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command; the wall and process CPU nanoseconds the peer measured around its work.</summary>
    public RoundTime Run(string command)
    {
        try
        {
            _process.StandardInput.WriteLine(command);
        }
        catch (IOException e)
        {
            throw Failure($"cannot send '{command}': {e.Message}");
        }

        var answer = ReadLine(AnswerTimeout, $"the answer to '{command}'");
        var fields = answer.Split(' ');
        if (fields.Length != 2
            || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var wall) || wall <= 0
            || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var cpu))
        {
            throw Failure($"'{command}' was answered '{answer}', not '<wall ns> <cpu ns>'");
        }

        return new RoundTime(wall, cpu);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.StandardInput.WriteLine("quit");
            }
            catch (IOException)
            {
                // The process is already on its way out; the wait below ends it either way.
            }

            if (!_process.WaitForExit(5000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private string ReadLine(TimeSpan timeout, string what)
    {
        var line = _process.StandardOutput.ReadLineAsync();
        if (!line.Wait(timeout))
        {
            throw Failure($"no {what} within {timeout.TotalSeconds:F0} s");
        }

        return line.Result ?? throw Failure($"the process closed its output before {what}");
    }

    private void KeepStandardError(string? line)
    {
        if (line is null) return;
        lock (_standardError) _standardError.AppendLine(line);
    }

    /// <summary>A failure with the exit code and the standard error, which say why the process stopped.</summary>
    public NodeRoundServerException Failure(string problem)
    {
        // Give the exit code and the end of the standard error a moment to arrive.
        var exited = _process.WaitForExit(_process.HasExited ? 1000 : 200);
        if (exited) _process.WaitForExit(); // the end of the redirected standard error too
        string standardError;
        lock (_standardError) standardError = _standardError.ToString().TrimEnd();
        var state = exited ? $"it exited with code {_process.ExitCode}" : "it is still running";
        return new NodeRoundServerException($"{_name}: {problem} ({state}){(standardError.Length > 0 ? "; its standard error:\n" + standardError : "")}");
    }
}

/// <summary>The process of a <see cref="NodeRoundServer"/> failed or broke the serve protocol.</summary>
internal sealed class NodeRoundServerException(string message) : Exception(message);
