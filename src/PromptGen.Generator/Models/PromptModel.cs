namespace PromptGen.Generator.Models;

/// <summary>Everything the emitter needs for one prompt: names, types and options, as plain values.</summary>
internal sealed record PromptModel
{
    public required PromptIdentity Identity { get; init; }

    public string? Description { get; init; }

    /// <summary>The version of the <c>.prompt</c> file (<c>PromptVersion.Compute</c> of its text), for the call site.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The frontmatter <c>variant</c>, or null.</summary>
    public string? Variant { get; init; }

    /// <summary>The <c>Input</c> record (always generated; empty when the prompt declares no input).</summary>
    public required RecordModel Input { get; init; }

    /// <summary>The type <c>Parse</c> and <c>RunAsync</c> produce: the <c>Output</c> record, another mapped type, or <c>string</c> for text output.</summary>
    public required TypeRef OutputType { get; init; }

    /// <summary>True when the output is text (<c>output.format: text</c> or no output schema).</summary>
    public bool IsTextOutput { get; init; }

    /// <summary>The output JSON Schema exactly as it is sent as the response format; null for text output.</summary>
    public string? OutputJsonSchema { get; init; }

    public string? OutputSchemaDescription { get; init; }

    /// <summary>Nested records: <c>Output</c> (when an object) and every object type below input and output.</summary>
    public EquatableArray<RecordModel> Records { get; init; } = EquatableArray<RecordModel>.Empty;

    public EquatableArray<EnumModel> Enums { get; init; } = EquatableArray<EnumModel>.Empty;

    public required ChatOptionsModel Options { get; init; }

    /// <summary>The compiled template: C# members (render method and partial methods), emitted in the transform step.</summary>
    public string RenderCode { get; init; } = string.Empty;

    /// <summary>True when <see cref="RenderCode"/> is the typed <c>RenderTyped(Input, ...)</c> rather than the dynamic <c>RenderTemplate</c>.</summary>
    public bool IsRenderTyped { get; init; }

    /// <summary>True when the prompt declares an input schema (Render takes the typed Input).</summary>
    public bool HasInputSchema { get; init; }

    /// <summary>
    /// Frontmatter <c>input.default</c> as compact JSON (an object), or null. Typed inputs carry each field's default on
    /// its <see cref="PropertyModel"/>; this whole object is for prompts rendered from untyped input.
    /// </summary>
    public string? InputDefaultJson { get; init; }

    /// <summary>The tools named under frontmatter <c>tools:</c>, in order, with their frontmatter locations.</summary>
    public EquatableArray<ToolReferenceModel> ToolReferences { get; init; } = EquatableArray<ToolReferenceModel>.Empty;

    /// <summary>The <c>[PromptTool]</c> methods those names resolved to (set by the tool-binding step).</summary>
    public EquatableArray<ToolMethodModel> Tools { get; init; } = EquatableArray<ToolMethodModel>.Empty;
    /// <summary>For a variant file (<c>Classify.concise.prompt</c>): its variant name; the identity is then its base's.</summary>
    public string? VariantName { get; init; }

    /// <summary>For a base prompt: the names of its variants that generate code, in ordinal order (the <c>Variant</c> enum).</summary>
    public EquatableArray<string> Variants { get; init; } = EquatableArray<string>.Empty;
}

/// <summary>The outcome of one prompt's generation step: a model to emit (or none) and its diagnostics.</summary>
internal sealed record PromptGenerationResult(PromptIdentity? Identity, PromptModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
