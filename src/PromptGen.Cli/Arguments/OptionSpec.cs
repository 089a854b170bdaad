namespace PromptGen.Cli.Arguments;

/// <summary>One <c>--name [value]</c> option of a verb.</summary>
/// <param name="Name">The option as typed, with its dashes: <c>--input</c>.</param>
/// <param name="ValueName">What the value looks like in the usage text; <c>null</c> for a flag without a value.</param>
/// <param name="Description">One line for the verb's help.</param>
internal sealed record OptionSpec(string Name, string? ValueName, string Description)
{
    public bool TakesValue => ValueName is not null;

    public string Synopsis => TakesValue ? $"{Name} <{ValueName}>" : Name;

    /// <summary>The option as messages name it: <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
