namespace PromptGen.Cli.Arguments;

/// <summary>A verb's command line after parsing: positional arguments, option values and flags.</summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _flags;

    public ParsedArguments(IReadOnlyList<string> positionals, Dictionary<string, string> values, HashSet<string> flags, bool helpRequested)
    {
        Positionals = positionals;
        _values = values;
        _flags = flags;
        HelpRequested = helpRequested;
    }

    public IReadOnlyList<string> Positionals { get; }

    public bool HelpRequested { get; }

    public string? GetValue(string option) => _values.TryGetValue(option, out var value) ? value : null;

    public bool HasFlag(string option) => _flags.Contains(option);

    public string? GetValue(OptionSpec option) => GetValue(option.Name);

    public bool HasFlag(OptionSpec option) => HasFlag(option.Name);
}
