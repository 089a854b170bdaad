namespace PromptGen.Cli.Arguments;

/// <summary>A verb's command line after parsing: positional arguments, option values and flags.</summary>
internal sealed class ParsedArguments(IReadOnlyList<string> positionals, Dictionary<string, string> values, HashSet<string> flags, bool helpRequested)
{
    public IReadOnlyList<string> Positionals { get; } = positionals;

    public bool HelpRequested { get; } = helpRequested;

    public string? GetValue(string option) => values.TryGetValue(option, out var value) ? value : null;

    public bool HasFlag(string option) => flags.Contains(option);

    public string? GetValue(OptionSpec option) => GetValue(option.Name);

    public bool HasFlag(OptionSpec option) => HasFlag(option.Name);
}
