using PromptGen.Language.Binding;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Documents;
using PromptGen.Language.Metadata;
using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;
using PromptGen.Language.Values;

namespace PromptGen.Language.Semantics;

/// <summary>
/// Everything known about one prompt, built once by <see cref="PromptCompiler"/> and read by every consumer: the
/// generator's emitters, the run-time renderer (<c>promptgen render</c>, evals), the eval checks and the output parser.
/// Schemas are normalized (<see cref="SchemaNode"/>); the template is bound (every call resolved to helper or value,
/// every path typed where the schema says).
/// </summary>
public sealed class PromptSemantics
{
    internal PromptSemantics(ParsedPromptFile parsed, string name, SchemaNode? input, SchemaNode? output, bool isTextOutput,
        TemplateBinding? binding, IPartialResolver partials, IReadOnlyList<PromptDiagnostic> diagnostics)
    {
        Parsed = parsed;
        Name = name;
        Input = input;
        Output = output;
        IsTextOutput = isTextOutput;
        Binding = binding;
        Partials = partials;
        Diagnostics = diagnostics;
    }

    public ParsedPromptFile Parsed { get; }

    public string Path => Parsed.Path;

    public PromptDocument Document => Parsed.Document;

    public PromptMetadata Metadata => Parsed.Document.Metadata;

    public Template Template => Parsed.Template.Template;

    /// <summary>True when the template has syntax errors (PG0201): it cannot be rendered or compiled.</summary>
    public bool HasTemplateErrors => Parsed.Template.HasErrors;

    /// <summary>The prompt's name: frontmatter <c>name</c>, else the file name without <c>.prompt</c>.</summary>
    public string Name { get; }

    /// <summary>The input schema; null when the prompt declares none (the template is untyped).</summary>
    public SchemaNode? Input { get; }

    /// <summary>The output schema; null for text output.</summary>
    public SchemaNode? Output { get; }

    /// <summary>True when the prompt returns text (<c>output.format: text</c> or no output schema).</summary>
    public bool IsTextOutput { get; }

    /// <summary>The output schema exactly as it is sent as the response format (Picoschema converted); null for text output.</summary>
    public PromptValue? OutputJsonSchema => IsTextOutput ? null : Metadata.OutputSchema;

    /// <summary><see cref="OutputJsonSchema"/> as compact JSON (<see cref="PromptJson.Serialize"/>); null for text output.</summary>
    /// <remarks>
    /// Written once and kept: the generator needs it both for a variant's schema signature and for the generated class.
    /// Two threads may both write it; they write equal strings.
    /// </remarks>
    public string? OutputJsonSchemaText => OutputJsonSchema is { } schema ? _outputJsonSchemaText ??= PromptJson.Serialize(schema) : null;

    private string? _outputJsonSchemaText;

    /// <summary>The template bound to the input schema (null when the template has syntax errors).</summary>
    public TemplateBinding? Binding { get; }

    /// <summary>Where the template's partials come from (the project's partials, by the one lookup rule).</summary>
    public IPartialResolver Partials { get; }

    /// <summary>Every diagnostic of the prompt, in reading order: the file's own, and type errors found through partials.</summary>
    public IReadOnlyList<PromptDiagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == PromptDiagnosticSeverity.Error);

    /// <summary>The same prompt with more diagnostics (for example the file's decoding problems).</summary>
    internal PromptSemantics WithDiagnostics(IEnumerable<PromptDiagnostic> more) =>
        new(Parsed, Name, Input, Output, IsTextOutput, Binding, Partials, Prompts.DiagnosticOrdering.Normalize(Diagnostics.Concat(more)));
}
