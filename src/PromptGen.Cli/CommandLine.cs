using System.Reflection;
using PromptGen.Cli.Arguments;
using PromptGen.Cli.Verbs;
using PromptGen.Evals.Security;

namespace PromptGen.Cli;

/// <summary>
/// Dispatches <c>promptgen</c> verbs. Exit codes: 0 success, 1 errors found in the prompts,
/// 2 bad command line (the message and the usage go to stderr), 3 internal error, 130 cancelled (Ctrl+C).
/// </summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int ErrorsFound = 1;
    public const int BadArguments = 2;
    public const int InternalError = 3;

    /// <summary><c>promptgen eval --batch</c> stopped with batches still pending (EX_TEMPFAIL): run it again to collect them.</summary>
    public const int Pending = 75;

    /// <summary>128 + SIGINT, as shells report a command stopped by Ctrl+C.</summary>
    public const int Cancelled = 130;

    /// <summary>The exit code of a command that ran to its end: <see cref="Success"/>, or <see cref="ErrorsFound"/> when it did not pass.</summary>
    public static int ExitCode(bool passed) => passed ? Success : ErrorsFound;

    private static readonly IReadOnlyList<Verb> s_verbs = new Verb[] { new CheckVerb(), new RenderVerb(), new ParseVerb(), new RunVerb(), new EvalVerb(), new InitVerb(), new LspVerb(), new CasesVerb(), new RecordingsVerb() };

    /// <summary>Runs the command line <paramref name="args"/>; <paramref name="cancellationToken"/> is Ctrl+C.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        if (args.Length == 0)
        {
            stderr.Write(GeneralHelp());
            return BadArguments;
        }

        var first = args[0];
        if (first is "-h" or "--help" or "-?" or "help")
        {
            var topic = args.Length > 1 ? Find(args[1]) : null;
            stdout.Write(topic?.Spec.FormatHelp() ?? GeneralHelp());
            return Success;
        }

        if (first == "--version")
        {
            stdout.Write(Version() + "\n");
            return Success;
        }

        var verb = Find(first);
        if (verb is null)
        {
            stderr.Write($"promptgen: unknown command '{first}'\n\n{GeneralHelp()}");
            return BadArguments;
        }

        try
        {
            var parsed = ArgumentParser.Parse(verb.Spec, args.Skip(1).ToList());
            if (parsed.HelpRequested)
            {
                stdout.Write(verb.Spec.FormatHelp());
                return Success;
            }

            return verb.Execute(parsed, stdout, stderr, cancellationToken);
        }
        catch (UsageException exception)
        {
            // A value echoed back can be a key pasted into the wrong option (`--endpoint sk-...`).
            stderr.Write($"promptgen {verb.Spec.Name}: {EvalSecrets.Scrub(exception.Message)}\n\n{verb.Spec.FormatHelp()}");
            return BadArguments;
        }
        catch (CommandFailedException exception)
        {
            stderr.Write($"promptgen {verb.Spec.Name}: {EvalSecrets.Scrub(exception.Message)}\n");
            return ErrorsFound;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // An exception's text can carry what a provider echoed back, a key included.
            stderr.Write($"promptgen {verb.Spec.Name}: internal error: {EvalSecrets.Scrub(exception.ToString())}\n");
            return InternalError;
        }
    }

    private static Verb? Find(string name) => s_verbs.FirstOrDefault(v => v.Spec.Name == name);

    private static string GeneralHelp()
    {
        var builder = new StringBuilder();
        builder.Append("usage: promptgen <command> [options]\n\n");
        builder.Append("Dotprompt .prompt files, checked, rendered and their model output parsed.\n\n");
        builder.Append("commands:\n");
        foreach (var verb in s_verbs)
        {
            builder.Append("  ").Append(verb.Spec.Name.PadRight(8)).Append(verb.Spec.Summary).Append('\n');
        }

        builder.Append("\noptions:\n");
        builder.Append("  -h, --help  Show help; 'promptgen <command> --help' shows a command's options.\n");
        builder.Append("  --version   Show the version.\n");
        builder.Append("\nexit codes: 0 success, 1 errors in the prompts, 2 bad command line, 3 internal error, 130 cancelled.\n");
        return builder.ToString();
    }

    /// <summary>This tool's version, as <c>--version</c> prints it (with build metadata such as <c>+commit</c>).</summary>
    internal static string Version()
    {
        var assembly = typeof(CommandLine).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
