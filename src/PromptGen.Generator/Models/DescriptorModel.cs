namespace PromptGen.Generator.Models;

/// <summary>
/// What the untyped descriptor of one prompt needs: only names and shapes, so editing a template or a schema's
/// details leaves it (and the catalog built from all of them) cached.
/// </summary>
/// <param name="Namespace">Namespace of the prompt class; empty for the global namespace.</param>
/// <param name="ClassName">The prompt class.</param>
/// <param name="Accessibility"><c>public</c> or <c>internal</c>.</param>
/// <param name="SourcePath">The <c>.prompt</c> file relative to the project directory, with forward slashes.</param>
/// <param name="IsTextOutput">True when the output is text (no <c>TryParse</c>).</param>
/// <param name="VariantName">For a variant file, its variant name: the descriptor renders that variant.</param>
/// <param name="HasEnums">True when the prompt declares enums (and so adds to its namespace's <c>PromptEnumExtensions</c>).</param>
internal sealed record DescriptorModel(
    string Namespace,
    string ClassName,
    string Accessibility,
    string SourcePath,
    bool IsTextOutput,
    string? VariantName = null,
    bool HasEnums = false)
{
    public string QualifiedClass => "global::" + (Namespace.Length == 0 ? string.Empty : Namespace + ".") + ClassName;
}

/// <summary>The assembly's prompt catalog: every prompt that generated code, in a stable order.</summary>
/// <param name="RootNamespace">The project's root namespace: the catalog class lives there.</param>
/// <param name="Prompts">The descriptors, sorted by source path.</param>
internal sealed record CatalogModel(string RootNamespace, EquatableArray<DescriptorModel> Prompts);
