namespace PromptGen.Cli.Arguments;

/// <summary>One <c>--name [value]</c> option of a verb.</summary>
internal sealed class OptionSpec
{
    public OptionSpec(string name, string? valueName, string description)
    {
        Name = name;
        ValueName = valueName;
        Description = description;
    }

    /// <summary>The option as typed, with its dashes: <c>--input</c>.</summary>
    public string Name { get; }

    /// <summary>What the value looks like in the usage text; <c>null</c> for a flag without a value.</summary>
    public string? ValueName { get; }

    public bool TakesValue => ValueName is not null;

    public string Description { get; }

    public string Synopsis => TakesValue ? $"{Name} <{ValueName}>" : Name;
}
