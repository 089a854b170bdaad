namespace PromptGen.Language.Documents;

/// <summary>
/// Where the reference runtime's frontmatter regular expression splits a <c>.prompt</c> file
/// (<c>/^---\s*(?:\r\n|\r|\n)([\s\S]*?)(?:\r\n|\r|\n)---\s*(?:\r\n|\r|\n)([\s\S]*)$/</c>).
/// </summary>
public readonly struct FrontmatterMatch
{
    internal FrontmatterMatch(int frontmatterStart, int frontmatterEnd, int closingDelimiterStart, int bodyStart)
    {
        Success = true;
        FrontmatterStart = frontmatterStart;
        FrontmatterEnd = frontmatterEnd;
        ClosingDelimiterStart = closingDelimiterStart;
        BodyStart = bodyStart;
    }

    /// <summary>False when the regular expression does not match: the reference then uses the whole file as the template.</summary>
    public bool Success { get; }

    /// <summary>Offset of the first character of the YAML text (the first capture group).</summary>
    public int FrontmatterStart { get; }

    /// <summary>Offset just past the YAML text.</summary>
    public int FrontmatterEnd { get; }

    public int FrontmatterLength => FrontmatterEnd - FrontmatterStart;

    /// <summary>Offset of the closing <c>---</c>.</summary>
    public int ClosingDelimiterStart { get; }

    /// <summary>Offset of the body (the second capture group), before trimming.</summary>
    public int BodyStart { get; }
}
