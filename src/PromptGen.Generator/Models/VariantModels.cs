using PromptGen.Language.Variants;

namespace PromptGen.Generator.Models;

/// <summary>What the variant links need of one prompt: its path, its C# names and its schemas.</summary>
internal sealed record VariantFacts(string Path, PromptIdentity? Identity, PromptSchemaSignature? Signature);

/// <summary>Every prompt's <see cref="VariantFacts"/>, collected once: variants find their base here.</summary>
internal sealed record VariantFactSet(EquatableArray<VariantFacts> Prompts);

/// <summary>
/// A prompt's part in variants: a base with the variants that generate code (<see cref="Variants"/>, by name), or a
/// variant (<see cref="VariantName"/>) generated into its base's class (<see cref="BaseIdentity"/>), with PG0620 when its
/// schemas differ from the base's.
/// </summary>
internal sealed record VariantRole(
    string? VariantName,
    PromptIdentity? BaseIdentity,
    EquatableArray<string> Variants,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static readonly VariantRole None = new(null, null, EquatableArray<string>.Empty, EquatableArray<DiagnosticInfo>.Empty);

    public bool IsVariant => VariantName is not null;
}

/// <summary>A named prompt with its part in variants.</summary>
internal sealed record VariantAwarePrompt(NamedPrompt Named, VariantRole Role);
