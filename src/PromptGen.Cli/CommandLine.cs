using System.IO;

namespace PromptGen.Cli;

/// <summary>Dispatches <c>promptgen</c> verbs. Exit codes: 0 ok, 1 errors found, 2 bad arguments.</summary>
internal static class CommandLine
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("usage: promptgen <check|render> ...");
        return 2;
    }
}
