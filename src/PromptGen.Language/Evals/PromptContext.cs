using PromptGen.Language.Semantics;
using PromptGen.Language.Text;

namespace PromptGen.Language.Evals;

/// <summary>
/// What the eval checks need to know about the prompt an eval file tests, taken from its <see cref="PromptSemantics"/>.
/// Value-equatable, so the generator re-checks an eval file only when this changes.
/// </summary>
public sealed record PromptContext
{
    /// <summary>The prompt file's path (its file name is used in messages).</summary>
    public string PromptPath { get; init; } = string.Empty;

    /// <summary>The prompt's name (frontmatter <c>name</c>, else the file name without <c>.prompt</c>).</summary>
    public string PromptName { get; init; } = string.Empty;

    /// <summary>The input schema; null when the prompt declares none (inputs are then not checked). Fields with a default may be left out.</summary>
    public SchemaNode? Input { get; init; }

    /// <summary>The output schema; null for text output.</summary>
    public SchemaNode? Output { get; init; }

    /// <summary>The generated output type for messages, e.g. <c>TriageTicketPrompt.Output</c>.</summary>
    public string OutputTypeName { get; init; } = "Output";

    /// <summary>The tools the prompt declares (frontmatter <c>tools:</c>), in order.</summary>
    public Collections.EquatableArray<string> Tools { get; init; } = Collections.EquatableArray<string>.Empty;

    /// <summary>
    /// The prompt's variants by name (<c>concise</c> for <c>Name.concise.prompt</c>), in ordinal order: what an eval
    /// file's <c>experiment:</c> block may name. Set with <see cref="WithVariants"/>.
    /// </summary>
    public Collections.EquatableArray<string> Variants { get; init; } = Collections.EquatableArray<string>.Empty;

    /// <summary>True when the prompt returns a typed value.</summary>
    public bool HasTypedOutput => Output is not null;

    /// <summary>The prompt's file name, e.g. <c>TriageTicket.prompt</c>.</summary>
    public string PromptFileName => PortablePath.FileName(PromptPath);

    /// <summary>The context of a compiled prompt.</summary>
    public static PromptContext From(PromptSemantics prompt)
    {
        if (prompt is null) throw new ArgumentNullException(nameof(prompt));
        return new PromptContext
        {
            PromptPath = prompt.Path,
            PromptName = prompt.Name,
            Input = prompt.Input,
            Output = prompt.Output,
            OutputTypeName = Naming.PromptNames.ClassName(prompt.Name, ClassOverride(prompt)) + ".Output",
            Tools = new Collections.EquatableArray<string>(Metadata.PromptToolReferences.NamesOf(prompt.Metadata)),
        };
    }

    /// <summary>This context with the variants of its prompt found among <paramref name="promptPaths"/> (by the one variant rule).</summary>
    public PromptContext WithVariants(IEnumerable<string> promptPaths) => this with
    {
        Variants = new Collections.EquatableArray<string>(Language.Variants.PromptVariantFile.VariantsOf(PromptPath, promptPaths ?? Array.Empty<string>()).Select(v => v.Variant).ToArray()),
    };

    private static string? ClassOverride(PromptSemantics prompt) =>
        prompt.Metadata.Ext["csharp"]?["class"] is { Kind: Values.PromptValueKind.String } value ? value.AsString : null;
}
