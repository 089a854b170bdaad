namespace PromptGen.Cli.Arguments;

/// <summary>A verb's positional arguments: how its usage line shows them, and how many it takes.</summary>
/// <param name="Synopsis">The positional arguments as shown in the usage line, e.g. <c>&lt;files or dirs&gt;...</c>.</param>
/// <param name="Minimum">The fewest positional arguments the verb takes.</param>
/// <param name="Maximum">The most positional arguments the verb takes.</param>
/// <param name="Command">The verb's one subcommand (<c>import</c> of <c>cases import</c>), which the first argument must be; <c>null</c> when it has none.</param>
internal sealed record PositionalSpec(string Synopsis, int Minimum, int Maximum, string? Command = null)
{
    /// <summary>No positional argument.</summary>
    public static PositionalSpec None { get; } = new(string.Empty, 0, 0);

    /// <summary>Exactly one argument.</summary>
    public static PositionalSpec One(string synopsis) => new(synopsis, 1, 1);

    /// <summary>One argument or none.</summary>
    public static PositionalSpec Optional(string synopsis) => new(synopsis, 0, 1);

    /// <summary>Any number of arguments, none included.</summary>
    public static PositionalSpec Any(string synopsis) => new(synopsis, 0, int.MaxValue);

    /// <summary>One argument or more.</summary>
    public static PositionalSpec AtLeastOne(string synopsis) => new(synopsis, 1, int.MaxValue);

    /// <summary>The subcommand <paramref name="command"/> followed by <paramref name="arguments"/>.</summary>
    public static PositionalSpec Subcommand(string command, PositionalSpec arguments) => new(
        $"{command} {arguments.Synopsis}",
        arguments.Minimum + 1,
        arguments.Maximum == int.MaxValue ? int.MaxValue : arguments.Maximum + 1,
        command);
}
