using PromptGen.Cli.Arguments;

namespace PromptGen.Cli.Verbs;

/// <summary>A <c>promptgen</c> command: its argument specification and what it does.</summary>
internal abstract class Verb
{
    public abstract VerbSpec Spec { get; }

    /// <summary>
    /// Runs the verb. Returns the exit code; throws <see cref="UsageException"/> for bad arguments.
    /// <paramref name="cancellationToken"/> is Ctrl+C; the quick verbs finish before it could matter.
    /// </summary>
    public abstract int Execute(ParsedArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken);
}
