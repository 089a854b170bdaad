using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Emit;
using PromptGen.Generator.Models;

namespace PromptGen.Generator.Catalog;

/// <summary>
/// The steps behind the prompt catalog: one <see cref="DescriptorModel"/> per generated prompt, collected into one
/// <see cref="CatalogModel"/> and emitted as <c>PromptGenCatalog.g.cs</c> (descriptors plus the assembly attribute).
/// </summary>
internal static class CatalogPipeline
{
    public const string HintName = "PromptGenCatalog.g.cs";

    /// <summary>The descriptor of a prompt that generated code; null when it did not (errors, lost name collision).</summary>
    public static DescriptorModel? Describe(PromptGenerationResult result, ProjectOptions options)
    {
        if (result.Model is not { } model) return null;
        var identity = model.Identity;
        return new DescriptorModel(
            identity.Namespace,
            identity.ClassName,
            identity.Accessibility,
            RelativePath(identity.Path, options.ProjectDir),
            model.IsTextOutput,
            model.VariantName,
            model.Enums.Count > 0);
    }

    public static CatalogModel Collect(ImmutableArray<DescriptorModel?> descriptors, ProjectOptions options) => new(
        options.RootNamespace,
        descriptors
            .Where(d => d is not null)
            .Select(d => d!)
            .OrderBy(d => d.SourcePath, StringComparer.Ordinal)
            .ThenBy(d => d.QualifiedClass, StringComparer.Ordinal)
            .ToEquatableArray());

    public static void Emit(SourceProductionContext context, CatalogModel catalog)
    {
        // No prompts, no catalog: projects that only reference the package get nothing extra.
        if (catalog.Prompts.IsEmpty) return;
        context.AddSource(HintName, PromptCatalogEmitter.Emit(catalog));
    }

    /// <summary>
    /// The path below the project directory with forward slashes; just the file name when it is elsewhere (a linked
    /// file), so no machine path ends up in the assembly.
    /// </summary>
    internal static string RelativePath(string path, string projectDir)
    {
        var normalized = path.Replace('\\', '/');
        var root = projectDir.Replace('\\', '/');
        if (root.Length > 0 && !root.EndsWith("/", StringComparison.Ordinal)) root += "/";
        return root.Length > 0 && normalized.StartsWith(root, StringComparison.OrdinalIgnoreCase)
            ? normalized.Substring(root.Length)
            : normalized.Substring(normalized.LastIndexOf('/') + 1);
    }
}
