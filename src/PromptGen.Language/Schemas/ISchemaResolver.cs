using PromptGen.Language.Values;

namespace PromptGen.Language.Schemas;

/// <summary>Looks up named schemas (e.g. <c>schema: Address</c> in Picoschema) as JSON Schema values.</summary>
public interface ISchemaResolver
{
    /// <summary>The JSON Schema registered under <paramref name="name"/>, or <c>null</c> when there is none.</summary>
    PromptValue? Resolve(string name);
}
