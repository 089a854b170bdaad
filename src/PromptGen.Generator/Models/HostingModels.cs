namespace PromptGen.Generator.Models;

/// <summary>
/// Whether the compilation references PromptGen.Hosting (then typed prompt clients and their registration are emitted),
/// and the assembly name the registration method is named after.
/// </summary>
internal sealed record HostingTarget(bool Enabled, string AssemblyName);

/// <summary>What the registration of one base prompt needs: its class, whether it has variants, whether it has a client.</summary>
/// <param name="QualifiedClass">The prompt class with <c>global::</c>.</param>
/// <param name="HasVariants">True when the class has <c>VariantNames</c>.</param>
/// <param name="HasClient">False for prompts whose instance tools need a target object per call (no typed client yet).</param>
internal sealed record HostedPromptModel(string QualifiedClass, bool HasVariants, bool HasClient);

/// <summary>The assembly's hosted prompts, in a stable order, and where the registration goes.</summary>
internal sealed record HostingModel(HostingTarget Target, string RootNamespace, EquatableArray<HostedPromptModel> Prompts);
