using PromptGen.Language.Collections;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Documents;
using PromptGen.Language.Templates;

namespace PromptGen.Language.Semantics;

/// <summary>
/// The syntax of one <c>.prompt</c> file, read once: the document (frontmatter, metadata, schemas converted to JSON
/// Schema) and the template tree, with the partials the template names. The first step of <see cref="PromptCompiler"/>.
/// </summary>
public sealed class ParsedPromptFile
{
    internal ParsedPromptFile(PromptDocument document, TemplateParseResult template, EquatableArray<string> referencedPartials,
        IReadOnlyList<PromptDiagnostic> diagnostics)
    {
        Document = document;
        Template = template;
        ReferencedPartials = referencedPartials;
        Diagnostics = diagnostics;
    }

    public string Path => Document.Path;

    public string Text => Document.Text;

    public PromptDocument Document { get; }

    public TemplateParseResult Template { get; }

    /// <summary>The static partial names the template includes directly (<c>{{&gt; name}}</c>), sorted.</summary>
    public EquatableArray<string> ReferencedPartials { get; }

    /// <summary>Frontmatter, schema-conversion and template-syntax diagnostics.</summary>
    public IReadOnlyList<PromptDiagnostic> Diagnostics { get; }

    /// <summary>True when the frontmatter is not readable YAML: the file's types are unknown, nothing is generated for it.</summary>
    public bool HasUnreadableFrontmatter
    {
        get
        {
            foreach (var diagnostic in Document.Diagnostics)
            {
                if (diagnostic.Id == DiagnosticDescriptors.InvalidYaml.Id) return true;
            }

            return false;
        }
    }
}
