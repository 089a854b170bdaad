using PromptGen.Language.Diagnostics;
using PromptGen.Language.Metadata;
using PromptGen.Language.Text;

namespace PromptGen.Language.Documents;

/// <summary>
/// A parsed <c>.prompt</c> file: its metadata (from the YAML frontmatter) and its Handlebars template, split exactly as
/// the Dotprompt reference runtime splits them, plus every diagnostic found while reading it.
/// </summary>
public sealed class PromptDocument
{
    internal PromptDocument(
        string path,
        string text,
        LineMap lines,
        int templateStart,
        int templateLength,
        FrontmatterMatch frontmatter,
        bool hasFrontmatter,
        PromptMetadata metadata,
        IReadOnlyList<PromptDiagnostic> diagnostics)
    {
        Path = path;
        Text = text;
        Lines = lines;
        TemplateStart = templateStart;
        TemplateLength = templateLength;
        FrontmatterMatch = frontmatter;
        HasFrontmatter = hasFrontmatter;
        Metadata = metadata;
        Diagnostics = diagnostics;
    }

    public string Path { get; }

    /// <summary>The whole file.</summary>
    public string Text { get; }

    /// <summary>Offset of <see cref="Template"/> in <see cref="Text"/>, so template positions map to file positions.</summary>
    public int TemplateStart { get; }

    public int TemplateLength { get; }

    /// <summary>
    /// The template the reference renders: the body after the frontmatter, trimmed; the whole file (untrimmed) when there
    /// is no usable frontmatter; the whole file trimmed when the frontmatter is invalid YAML.
    /// </summary>
    public string Template => Text.Substring(TemplateStart, TemplateLength);

    public LineMap Lines { get; }

    /// <summary>True when the file has frontmatter that the reference reads (non-empty and valid YAML).</summary>
    public bool HasFrontmatter { get; }

    /// <summary>Where the reference's frontmatter expression split the file (unsuccessful when it did not match).</summary>
    public FrontmatterMatch FrontmatterMatch { get; }

    public PromptMetadata Metadata { get; }

    /// <summary>Every diagnostic about the frontmatter, its schemas and its delimiters, in file order.</summary>
    public IReadOnlyList<PromptDiagnostic> Diagnostics { get; }

    /// <summary>The file span of an offset range of <see cref="Template"/>.</summary>
    public SourceSpan GetTemplateSpan(int templateOffset, int length) =>
        Lines.GetSpan(TemplateStart + templateOffset, TemplateStart + templateOffset + length);
}
