using PromptGen.Language.Metadata;
using PromptGen.Language.Schemas;

namespace PromptGen.Language.Documents;

/// <summary>What a <c>.prompt</c> file may refer to outside itself.</summary>
public sealed class PromptDocumentOptions
{
    /// <summary>Named schemas (name → JSON Schema) that Picoschema type names may refer to.</summary>
    public ISchemaResolver? Schemas { get; set; }

    /// <summary>Tool definitions that <c>tools: [name]</c> resolves into <c>toolDefs</c>, as the reference does.</summary>
    public IToolResolver? Tools { get; set; }
}
