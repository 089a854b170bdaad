using PromptGen.Generator.Models;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Mapping;

/// <summary>Builds the emitter's model of one prompt from its semantics and its resolved names.</summary>
internal static class PromptModelBuilder
{
    public static PromptModel Build(PromptSemantics semantics, PromptIdentity identity, ProjectOptions projectOptions, List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        var metadata = semantics.Metadata;
        var integerType = metadata.Ext["csharp"]?["integer"] is { Kind: PromptValueKind.String } perPrompt ? perPrompt.AsString : projectOptions.IntegerType;
        var useInt32 = integerType.Trim() is "int" or "int32" or "Int32";
        var mapper = new SchemaTypeMapper(semantics.Path, identity.ClassName, useInt32, diagnostics);

        var isText = semantics.Output is null;
        var outputType = isText ? TypeRef.String : mapper.MapOutput(semantics.Output!);
        var containingClass = Emit.TypeNames.QualifiedClass(identity);
        var input = mapper.MapInput(semantics.Input);
        input = Emit.InputDefaultValues.Attach(input, metadata.InputDefault, mapper.Enums, containingClass);
        var options = ChatOptionsMapper.Map(semantics, diagnostics);
        cancellationToken.ThrowIfCancellationRequested();
        var renderCode = Emit.RenderCodeBuilder.Build(semantics, input, mapper.Records, containingClass, out var isTyped, cancellationToken);

        return new PromptModel
        {
            Identity = identity,
            Description = metadata.Description,
            Version = PromptVersion.Compute(semantics.Parsed.Text),
            Variant = metadata.Variant,
            Input = input,
            OutputType = outputType,
            IsTextOutput = isText,
            OutputJsonSchema = isText ? null : semantics.OutputJsonSchemaText,
            OutputSchemaDescription = isText ? null : semantics.Output!.Description,
            Records = mapper.Records.ToEquatableArray(),
            Enums = mapper.Enums.ToEquatableArray(),
            Options = options,
            RenderCode = renderCode,
            IsRenderTyped = isTyped,
            HasInputSchema = semantics.Input is not null,
            InputDefaultJson = metadata.InputDefault is { Kind: PromptValueKind.Object } defaults ? PromptJson.Serialize(defaults) : null,
        };
    }
}
