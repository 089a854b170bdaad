using PromptGen.Language.Semantics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;

namespace PromptGen.Language.Variants;

/// <summary>
/// What a variant must share with its base prompt: the input and output JSON Schemas (compact JSON, Picoschema
/// converted) and whether the output is text, with where each is written for the diagnostic. Value-equatable, so the
/// generator can compare prompts without holding their semantics.
/// </summary>
public sealed record PromptSchemaSignature(string? InputSchemaJson, string? OutputSchemaJson, bool IsTextOutput, SourceSpan InputSpan, SourceSpan OutputSpan)
{
    private static readonly SourceSpan s_fileStart = new(0, 0, 1, 1, 1, 1);

    public static PromptSchemaSignature Of(PromptSemantics semantics)
    {
        var metadata = semantics.Metadata;
        return new PromptSchemaSignature(
            metadata.InputSchema is { } input ? PromptJson.Serialize(input) : null,
            semantics.OutputJsonSchemaText,
            semantics.IsTextOutput,
            metadata.GetKeySpan("input.schema") ?? metadata.GetKeySpan("input") ?? s_fileStart,
            metadata.GetKeySpan("output.schema") ?? metadata.GetKeySpan("output") ?? s_fileStart);
    }
}
