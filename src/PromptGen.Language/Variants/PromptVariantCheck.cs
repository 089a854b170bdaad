using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;

namespace PromptGen.Language.Variants;

/// <summary>PG0620: a variant declares exactly its base prompt's input and output schemas, so one typed API serves both.</summary>
public static class PromptVariantCheck
{
    public static IReadOnlyList<PromptDiagnostic> Check(PromptVariantFile variant, PromptSchemaSignature baseSignature, PromptSchemaSignature variantSignature)
    {
        var found = new List<PromptDiagnostic>(2);
        var baseName = PortablePath.FileName(variant.BasePath);
        if (baseSignature.InputSchemaJson != variantSignature.InputSchemaJson)
        {
            found.Add(new PromptDiagnostic(
                DiagnosticDescriptors.VariantSchemaMismatch,
                variant.Path,
                variantSignature.InputSpan,
                $"The variant '{variant.Variant}' must declare the same input schema as its base prompt '{baseName}' ({Describe(variantSignature.InputSchemaJson)} here, {Describe(baseSignature.InputSchemaJson)} in the base)."));
        }

        if (baseSignature.OutputSchemaJson != variantSignature.OutputSchemaJson || baseSignature.IsTextOutput != variantSignature.IsTextOutput)
        {
            found.Add(new PromptDiagnostic(
                DiagnosticDescriptors.VariantSchemaMismatch,
                variant.Path,
                variantSignature.OutputSpan,
                $"The variant '{variant.Variant}' must declare the same output schema as its base prompt '{baseName}' ({Describe(variantSignature.OutputSchemaJson)} here, {Describe(baseSignature.OutputSchemaJson)} in the base)."));
        }

        return found;
    }

    private static string Describe(string? schemaJson) => schemaJson is null ? "none" : TextExcerpt.Shorten(schemaJson, 120);

}
