using PromptGen.Language.Variants;

namespace PromptGen.Generator.Models;

/// <summary>What the variant links need of one prompt: its path, its C# names and its schemas.</summary>
internal sealed record VariantFacts(string Path, PromptIdentity? Identity, PromptSchemaSignature? Signature);

/// <summary>
/// Every prompt's <see cref="VariantFacts"/>, collected once: variants find their base here. Compared by
/// <see cref="Prompts"/> alone; the lookups over them are built once, on first use, because every prompt asks.
/// </summary>
internal sealed record VariantFactSet(EquatableArray<VariantFacts> Prompts)
{
    private Lookups? _lookups;

    /// <summary>The variant rule over every prompt path of the set.</summary>
    public PromptVariantIndex Index => (_lookups ??= new Lookups(Prompts)).Index;

    /// <summary>The facts of the prompt at <paramref name="path"/> (either slash), or null.</summary>
    public VariantFacts? Find(string path) =>
        (_lookups ??= new Lookups(Prompts)).ByPath.TryGetValue(path.Replace('\\', '/'), out var facts) ? facts : null;

    public bool Equals(VariantFactSet? other) => other is not null && Prompts.Equals(other.Prompts);

    public override int GetHashCode() => Prompts.GetHashCode();

    private sealed class Lookups
    {
        public Lookups(EquatableArray<VariantFacts> prompts)
        {
            Index = new PromptVariantIndex(prompts.Select(p => p.Path));
            ByPath = new Dictionary<string, VariantFacts>(StringComparer.Ordinal);
            // The first of two paths that differ only in their slashes, as a scan in order would find.
            foreach (var facts in prompts)
            {
                var key = facts.Path.Replace('\\', '/');
                if (!ByPath.ContainsKey(key)) ByPath[key] = facts;
            }
        }

        public PromptVariantIndex Index { get; }

        public Dictionary<string, VariantFacts> ByPath { get; }
    }
}

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
