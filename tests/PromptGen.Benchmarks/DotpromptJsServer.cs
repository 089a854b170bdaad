using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace PromptGen.Benchmarks;

/// <summary>
/// The Dotprompt JS reference in a node process of its own, in serve mode (<c>eng/bench/render-dotprompt.mjs --serve</c>):
/// it compiles the render templates, writes their messages for the equivalence check, then renders on request and
/// answers the elapsed wall nanoseconds measured inside node, so the pipe's latency is not in the figure, and node's
/// process CPU time over the same loop.
/// Every failure (node does not start, exits, answers out of protocol or too late) is a
/// <see cref="DotpromptJsServerException"/> with node's standard error in the message.
/// </summary>
internal sealed class DotpromptJsServer : IDisposable
{
    /// <summary>Compiling the templates takes about a second; a minute means something is wrong.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A command asks for milliseconds of renders; a minute means node hangs.</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _standardError = new();

    private DotpromptJsServer(Process process) => _process = process;

    /// <summary>Starts node on the script and waits for its <c>ready</c> line; by then <paramref name="messagesFile"/> is written.</summary>
    public static DotpromptJsServer Start(string node, string script, string toolsDirectory, string messagesFile)
    {
        var start = new ProcessStartInfo(node)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { script, "--serve", toolsDirectory, Path.Combine(BenchmarkData.Folder, "Prompts"), Path.Combine(BenchmarkData.Folder, "Data"), "0", messagesFile })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var c in RenderCase.All)
        {
            start.ArgumentList.Add($"{c.Name}={c.Prompt}:{c.InputFile}");
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DotpromptJsServerException($"'{node}' did not start");
        }
        catch (Win32Exception e)
        {
            throw new DotpromptJsServerException($"cannot start '{node}': {e.Message}");
        }

        var server = new DotpromptJsServer(process);
        try
        {
            process.ErrorDataReceived += (_, e) => server.KeepStandardError(e.Data);
            process.BeginErrorReadLine();
            process.StandardInput.AutoFlush = true;
            var first = server.ReadLine(ReadyTimeout, "the ready line");
            if (first != "ready")
            {
                throw server.Failure($"expected 'ready', node wrote '{first}'");
            }

            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Renders <paramref name="template"/> <paramref name="calls"/> times in node; the wall and process CPU nanoseconds node measured around the loop.</summary>
    /// <param name="withSchema">The prompt file with its frontmatter input schema, or the same body without it (<c>Prompts/Dynamic/</c>).</param>
    public RoundTime Run(string template, bool withSchema, int calls)
    {
        var command = string.Create(CultureInfo.InvariantCulture, $"run {template} {(withSchema ? "schema" : "no_schema")} {calls}");
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
                // Node is already on its way out; the wait below ends it either way.
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

        return line.Result ?? throw Failure($"node closed its output before {what}");
    }

    private void KeepStandardError(string? line)
    {
        if (line is null) return;
        lock (_standardError) _standardError.AppendLine(line);
    }

    private DotpromptJsServerException Failure(string problem)
    {
        // The exit code and the standard error say why node stopped; give them a moment to arrive.
        var exited = _process.WaitForExit(_process.HasExited ? 1000 : 200);
        if (exited) _process.WaitForExit(); // the end of the redirected standard error too
        string standardError;
        lock (_standardError) standardError = _standardError.ToString().TrimEnd();
        var state = exited ? $"node exited with code {_process.ExitCode}" : "node is still running";
        return new DotpromptJsServerException($"{problem} ({state}){(standardError.Length > 0 ? "; its standard error:\n" + standardError : "")}");
    }
}

/// <summary>The node process of <see cref="DotpromptJsServer"/> failed or broke the serve protocol.</summary>
internal sealed class DotpromptJsServerException(string message) : Exception(message);
