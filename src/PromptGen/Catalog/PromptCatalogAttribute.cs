namespace PromptGen.Catalog;

/// <summary>
/// Emitted by the source generator on every assembly that has prompts: names the generated class whose static
/// <c>Prompts</c> property (an <c>IReadOnlyList&lt;IPromptDescriptor&gt;</c>) lists them. Tools find prompts
/// through this attribute, never by scanning types.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class PromptCatalogAttribute : Attribute
{
    public PromptCatalogAttribute(Type catalogType) => CatalogType = catalogType;

    public Type CatalogType { get; }
}
