namespace PromptGen.Hosting;

/// <summary>
/// One prompt known to <c>AddPromptGen</c>: its name and its variants, so configuration naming another prompt or variant
/// fails start-up. The generated <c>Add…Prompts()</c> method registers one per prompt of its assembly.
/// </summary>
public sealed class PromptRegistration
{
    /// <summary>The variant name that stands for the base prompt in configuration.</summary>
    public const string BaseVariant = "base";

    /// <summary>Describes a prompt by its name and the names of its variants (empty when it has none).</summary>
    public PromptRegistration(string promptName, IReadOnlyList<string> variantNames)
    {
        ArgumentException.ThrowIfNullOrEmpty(promptName);
        ArgumentNullException.ThrowIfNull(variantNames);
        PromptName = promptName;
        VariantNames = variantNames;
    }

    /// <summary>The prompt's name (<c>PromptName</c> of its generated class).</summary>
    public string PromptName { get; }

    /// <summary>Its variants' names (<c>concise</c> for <c>ClassifyTicket.concise.prompt</c>).</summary>
    public IReadOnlyList<string> VariantNames { get; }
}
