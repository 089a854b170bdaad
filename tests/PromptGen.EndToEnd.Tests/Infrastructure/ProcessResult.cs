using System;

namespace PromptGen.EndToEnd.Tests.Infrastructure;

/// <summary>What a finished command printed and returned.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration)
{
    /// <summary>Standard output and error together, with '/' as the only path separator (stable across platforms).</summary>
    public string Output => (StandardOutput + "\n" + StandardError).Replace('\\', '/');

    /// <summary>A description for assertion messages: the command, its exit code and everything it printed.</summary>
    public override string ToString() =>
        $"> {CommandLine}\nexit code {ExitCode} after {Duration.TotalSeconds:0.0} s\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
