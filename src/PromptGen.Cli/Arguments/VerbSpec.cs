namespace PromptGen.Cli.Arguments;

/// <summary>What a verb accepts, and its usage text.</summary>
internal sealed class VerbSpec
{
    public VerbSpec(string name, string positionalSynopsis, int minimumPositionals, int maximumPositionals,
        string summary, string details, IReadOnlyList<OptionSpec> options)
    {
        Name = name;
        PositionalSynopsis = positionalSynopsis;
        MinimumPositionals = minimumPositionals;
        MaximumPositionals = maximumPositionals;
        Summary = summary;
        Details = details;
        Options = options;
    }

    public string Name { get; }

    /// <summary>The positional arguments as shown in the usage line, e.g. <c>&lt;files or dirs&gt;...</c>.</summary>
    public string PositionalSynopsis { get; }

    public int MinimumPositionals { get; }

    public int MaximumPositionals { get; }

    /// <summary>One line for the general help.</summary>
    public string Summary { get; }

    /// <summary>A paragraph or two for the verb's own help.</summary>
    public string Details { get; }

    public IReadOnlyList<OptionSpec> Options { get; }

    public OptionSpec? FindOption(string name) => Options.FirstOrDefault(o => o.Name == name);

    public string UsageLine
    {
        get
        {
            var builder = new StringBuilder("usage: promptgen ").Append(Name).Append(' ').Append(PositionalSynopsis);
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
