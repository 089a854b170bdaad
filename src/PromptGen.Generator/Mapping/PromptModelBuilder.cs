using System.Collections.Generic;
using PromptGen.Generator.Models;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Mapping;

/// <summary>Builds the emitter's model of one prompt from its parsed document and its resolved names.</summary>
internal static class PromptModelBuilder
{
    public static PromptModel Build(PromptDocumentModel document, PromptIdentity identity, ProjectOptions projectOptions, List<DiagnosticInfo> diagnostics,
        EquatableArray<PartialSource> partials = default)
    {
        var integerType = document.IntegerType ?? projectOptions.IntegerType;
        var useInt32 = integerType.Trim() is "int" or "int32" or "Int32";
        var mapper = new SchemaTypeMapper(document.Path, identity.ClassName, useInt32, diagnostics, document.SchemaLocations);

        var isText = document.OutputSchema is null || string.Equals(document.OutputFormat, "text", System.StringComparison.Ordinal);
        var outputType = isText ? TypeRef.String : mapper.MapOutput(document.OutputSchema!, document.OutputSchemaLocation);
        var containingClass = Emit.TypeNames.QualifiedClass(identity);
        var input = mapper.MapInput(document.InputSchema, document.InputSchemaLocation);
        input = Emit.InputDefaultValues.Attach(input, document.InputDefault, mapper.Enums, containingClass);
        var options = ChatOptionsMapper.Map(document, diagnostics);
        var renderCode = Emit.RenderCodeBuilder.Build(document, partials, input, mapper.Records, containingClass, out var isTyped);

        return new PromptModel
        {
            Identity = identity,
            Description = document.Description,
            Input = input,
            OutputType = outputType,
            IsTextOutput = isText,
            OutputJsonSchema = isText ? null : PromptJson.Serialize(document.OutputSchema!, indent: 2),
            OutputSchemaDescription = isText ? null : document.OutputSchema!["description"] is { Kind: PromptValueKind.String } d ? d.AsString : null,
            Records = mapper.Records.ToEquatableArray(),
            Enums = mapper.Enums.ToEquatableArray(),
            Options = options,
            Template = document.Template,
            RenderCode = renderCode,
            IsRenderTyped = isTyped,
            HasInputSchema = document.InputSchema is not null,
            InputDefaultJson = document.InputDefault is { Kind: PromptValueKind.Object } defaults ? PromptJson.Serialize(defaults) : null,
        };
    }
}
