namespace PromptGen.Cli.Arguments;

/// <summary>What a verb accepts, and its usage text.</summary>
/// <param name="Name">The verb as typed: <c>render</c>.</param>
/// <param name="Positionals">The positional arguments: their usage text, how many, and the subcommand if there is one.</param>
/// <param name="Summary">One line for the general help.</param>
/// <param name="Details">A paragraph or two for the verb's own help.</param>
/// <param name="Options">The verb's options, in help order.</param>
internal sealed record VerbSpec(string Name, PositionalSpec Positionals, string Summary, string Details, IReadOnlyList<OptionSpec> Options)
{
    public OptionSpec? FindOption(string name) => Options.FirstOrDefault(o => o.Name == name);

    public string UsageLine
    {
        get
        {
            var builder = new StringBuilder("usage: promptgen ").Append(Name).Append(' ').Append(Positionals.Synopsis);
            foreach (var option in Options) builder.Append(" [").Append(option.Synopsis).Append(']');
            return builder.ToString();
        }
    }

    public string FormatHelp()
    {
        var builder = new StringBuilder();
        builder.AppendLine(UsageLine).AppendLine();
        builder.AppendLine(Details).AppendLine();
        builder.AppendLine("options:");
        var rows = Options.Select(o => (Synopsis: o.Synopsis, Description: o.Description)).Append((Synopsis: "-h, --help", Description: "Show this help.")).ToList();
        var width = rows.Max(r => r.Synopsis.Length);
        foreach (var (synopsis, description) in rows)
        {
            builder.Append("  ").Append(synopsis.PadRight(width)).Append("  ").AppendLine(description);
        }

        return builder.ToString();
    }
}
