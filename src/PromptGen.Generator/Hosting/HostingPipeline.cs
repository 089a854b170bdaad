using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Emit;
using PromptGen.Generator.Models;
using RoslynDescriptors = PromptGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace PromptGen.Generator.Hosting;

/// <summary>
/// The steps behind dependency injection support: only when the compilation references PromptGen.Hosting, a nested
/// <c>Client</c> per prompt (<c>X.Client.g.cs</c>) and one <c>Add{Assembly}Prompts()</c> registration method
/// (<c>PromptGenHosting.g.cs</c>). Other projects' generated code does not change.
/// </summary>
internal static class HostingPipeline
{
    /// <summary>The runtime type whose presence turns hosting on, by metadata name.</summary>
    public const string BindingTypeName = "PromptGen.Hosting.PromptBinding";

    public const string RegistrationHintName = "PromptGenHosting.g.cs";

    public static HostingTarget ReadTarget(Compilation compilation) =>
        new(compilation.GetTypeByMetadataName(BindingTypeName) is not null, compilation.AssemblyName ?? string.Empty);

    /// <summary>A base prompt that generated code, as its registration sees it; null for variants and failed prompts.</summary>
    public static HostedPromptModel? Describe(PromptGenerationResult result)
    {
        if (result.Model is not { VariantName: null } model) return null;
        return new HostedPromptModel("global::" + model.Identity.FullClassName, model.Variants.Count > 0, HostingEmitter.HasClient(model));
    }

    public static HostingModel Collect(ImmutableArray<HostedPromptModel?> prompts, HostingTarget target, ProjectOptions options) => new(
        target,
        options.RootNamespace,
        prompts.Where(p => p is not null).Select(p => p!).OrderBy(p => p.QualifiedClass, StringComparer.Ordinal).ToEquatableArray());

    public static void EmitClient(SourceProductionContext context, (PromptGenerationResult Result, HostingTarget Target) input)
    {
        if (!input.Target.Enabled || input.Result.Model is not { VariantName: null } model || !HostingEmitter.HasClient(model)) return;
        var baseHint = model.Identity.HintName;
        PromptPipeline.EmitGuarded(context, model.Identity.Path, () =>
            context.AddSource(baseHint.Substring(0, baseHint.Length - ".g.cs".Length) + ".Client.g.cs", HostingEmitter.EmitClient(model)));
    }

    public static void EmitRegistration(SourceProductionContext context, HostingModel hosting)
    {
        if (!hosting.Target.Enabled || hosting.Prompts.IsEmpty) return;
        context.AddSource(RegistrationHintName, HostingEmitter.EmitRegistration(hosting));
    }
}
