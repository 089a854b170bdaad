using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Emit;
using PromptGen.Generator.Models;
using PromptGen.Generator.Naming;
using PromptGen.Language.Variants;

namespace PromptGen.Generator;

/// <summary>
/// The steps behind prompt variants (<c>Classify.concise.prompt</c> beside <c>Classify.prompt</c>): which files are
/// variants is decided by the language core (<see cref="PromptVariantFile"/>); a variant generates no class of its
/// own but a nested render-and-options class inside its base's, and the base gets the <c>Variant</c> enum.
/// </summary>
internal static class VariantPipeline
{
    public static VariantFacts Describe(NamedPrompt named) => new(
        named.Analyzed.Path,
        named.Identity,
        named.Analyzed.Semantics is { } semantics ? PromptSchemaSignature.Of(semantics) : null);

    public static VariantFactSet Collect(ImmutableArray<VariantFacts> facts) =>
        new(facts.OrderBy(f => f.Path, StringComparer.Ordinal).ToEquatableArray());

    /// <summary>The part <paramref name="named"/> plays: base (with its generating variants), variant, or neither.</summary>
    public static VariantAwarePrompt RoleOf(NamedPrompt named, VariantFactSet set)
    {
        try
        {
            return new VariantAwarePrompt(named, Resolve(named.Analyzed.Path, set));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var failure = DiagnosticInfo.InternalError(named.Analyzed.Path, exception, "linking prompt variants");
            return new VariantAwarePrompt(named, VariantRole.None with { Diagnostics = new[] { failure }.ToEquatableArray() });
        }
    }

    private static VariantRole Resolve(string path, VariantFactSet set)
    {
        var variant = set.Index.Of(path);
        if (variant is null)
        {
            var variants = set.Index.VariantsOf(path)
                .Where(v => Generates(v, set))
                .Select(v => v.Variant)
                .ToEquatableArray();
            return variants.IsEmpty ? VariantRole.None : VariantRole.None with { Variants = variants };
        }

        var self = Find(set, path);
        var baseFacts = Find(set, variant.BasePath);
        if (self?.Signature is null || baseFacts?.Signature is null || baseFacts.Identity is null)
        {
            // The base or the variant has errors of its own; they are reported on their files.
            return new VariantRole(variant.Variant, null, EquatableArray<string>.Empty, EquatableArray<DiagnosticInfo>.Empty);
        }

        var mismatches = PromptVariantCheck.Check(variant, baseFacts.Signature, self.Signature);
        return new VariantRole(
            variant.Variant,
            mismatches.Count == 0 ? baseFacts.Identity : null,
            EquatableArray<string>.Empty,
            mismatches.Select(DiagnosticInfo.FromPromptDiagnostic).ToEquatableArray());
    }

    /// <summary>A variant generates code when it and its base analyze and their schemas agree.</summary>
    private static bool Generates(PromptVariantFile variant, VariantFactSet set)
    {
        var self = Find(set, variant.Path);
        var baseFacts = Find(set, variant.BasePath);
        return self?.Signature is not null && baseFacts?.Signature is not null && baseFacts.Identity is not null
            && PromptVariantCheck.Check(variant, baseFacts.Signature, self.Signature).Count == 0;
    }

    private static VariantFacts? Find(VariantFactSet set, string path) => set.Find(path);

    /// <summary>Variants take no part in class-name collisions: they generate into their base's class.</summary>
    public static PromptIdentity? IdentityForCollisions(VariantAwarePrompt prompt) => prompt.Role.IsVariant ? null : prompt.Named.Identity;

    /// <summary>
    /// The model step with variants: a variant is built under its base's names (its own names are not used, so its
    /// naming diagnostics are dropped); a base carries its variants' names for the enum.
    /// </summary>
    public static PromptGenerationResult BuildModel(VariantAwarePrompt prompt, CollisionReport collisions, CancellationToken cancellationToken)
    {
        var role = prompt.Role;
        if (!role.IsVariant)
        {
            var result = PromptPipeline.BuildModel(prompt.Named, collisions, cancellationToken);
            return WithRole(result, role, null);
        }

        var named = prompt.Named with { Identity = role.BaseIdentity, NamingDiagnostics = EquatableArray<DiagnosticInfo>.Empty };
        var built = PromptPipeline.BuildModel(named, CollisionReport.None, cancellationToken);
        var model = built.Model is null ? null : built.Model with { VariantName = role.VariantName, Identity = built.Model.Identity with { Path = prompt.Named.Analyzed.Path } };
        return new PromptGenerationResult(null, model, built.Diagnostics.Concat(role.Diagnostics).ToEquatableArray());
    }

    private static PromptGenerationResult WithRole(PromptGenerationResult result, VariantRole role, string? variantName) =>
        result.Model is null || role.Variants.IsEmpty
            ? result
            : result with { Model = result.Model with { Variants = role.Variants, VariantName = variantName } };

    /// <summary>Emits a base prompt as before (with its variant members) and a variant as a nested class of its base.</summary>
    public static void Emit(SourceProductionContext context, PromptGenerationResult result)
    {
        if (result.Model?.VariantName is null)
        {
            PromptPipeline.Emit(context, result);
            return;
        }

        PromptPipeline.Report(context, result.Diagnostics);
        var model = result.Model;
        PromptPipeline.EmitGuarded(context, model.Identity.Path, () => context.AddSource(VariantEmitter.HintName(model), VariantEmitter.EmitVariant(model)));
    }
}
