using PromptGen.Language.Text;

namespace PromptGen.Language.Templates;

/// <summary>
/// Where a template sits in its file, so that every span the parser produces is a position in the
/// <c>.prompt</c> file itself (the body starts after the frontmatter).
/// </summary>
public sealed class TemplateSource
{
    public TemplateSource(string path, string fileText, int templateStart, int templateLength)
        : this(path, fileText, templateStart, templateLength, null)
    {
    }

    /// <summary>As the public constructor, reusing <paramref name="lines"/> when it is the file's line map (the document parser has one already).</summary>
    internal TemplateSource(string path, string fileText, int templateStart, int templateLength, LineMap? lines)
    {
        FileText = fileText ?? throw new ArgumentNullException(nameof(fileText));
        if (templateStart < 0 || templateLength < 0 || templateStart + templateLength > fileText.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(templateStart), "The template must lie inside the file text.");
        }

        Path = path ?? string.Empty;
        TemplateStart = templateStart;
        TemplateLength = templateLength;
        LineMap = lines ?? new LineMap(fileText);
    }

    /// <summary>A template that is a whole file of its own (or has no file): offsets are template offsets.</summary>
    public TemplateSource(string template)
        : this(string.Empty, template ?? throw new ArgumentNullException(nameof(template)), 0, template.Length)
    {
    }

    public string Path { get; }

    public string FileText { get; }

    public int TemplateStart { get; }

    public int TemplateLength { get; }

    /// <summary>The template text alone (cut from <see cref="FileText"/> on each call; the parser reads it once).</summary>
    /// <remarks>Not kept: parsed templates are kept between builds by the compiler server, and the file text is already there.</remarks>
    public string Text => TemplateStart == 0 && TemplateLength == FileText.Length ? FileText : FileText.Substring(TemplateStart, TemplateLength);

    public LineMap LineMap { get; }

    /// <summary>Span in the file of the template range [start, end).</summary>
    public SourceSpan GetSpan(int start, int end) => LineMap.GetSpan(TemplateStart + start, TemplateStart + end);
}
