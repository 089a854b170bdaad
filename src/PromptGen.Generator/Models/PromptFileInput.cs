namespace PromptGen.Generator.Models;

/// <summary>One <c>.prompt</c> file with its text and the MSBuild item metadata that applies to it.</summary>
internal sealed record PromptFileInput(string Path, string Text, PromptItemOptions ItemOptions);

/// <summary>Per-file overrides from MSBuild item metadata (<c>PromptGenClassName</c>, ...); null when not set.</summary>
internal sealed record PromptItemOptions(string? ClassName, string? Namespace, string? Accessibility)
{
    public static readonly PromptItemOptions None = new(null, null, null);
}
