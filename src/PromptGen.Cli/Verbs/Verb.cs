using PromptGen.Cli.Arguments;

namespace PromptGen.Cli.Verbs;

/// <summary>A <c>promptgen</c> command: its argument specification and what it does.</summary>
internal abstract class Verb
{
    public abstract VerbSpec Spec { get; }

    /// <summary>Runs the verb. Returns the exit code; throws <see cref="UsageException"/> for bad arguments.</summary>
    public abstract int Execute(ParsedArguments arguments, TextWriter stdout, TextWriter stderr);

    /// <summary>Runs the verb, stopping cleanly when <paramref name="cancellationToken"/> (Ctrl+C) fires; most verbs are too quick to care.</summary>
    public virtual int Execute(ParsedArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        Execute(arguments, stdout, stderr);
}
