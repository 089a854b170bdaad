namespace PromptGen.Language.Metadata;

/// <summary>The top-level frontmatter keys and how the reference runtime treats each.</summary>
public static class FrontmatterKeys
{
    /// <summary>Keys the reference copies from frontmatter into the prompt metadata (its RESERVED_METADATA_KEYWORDS).</summary>
    public static readonly IReadOnlyList<string> Reserved = new[]
    {
        "config", "description", "ext", "input", "model", "name", "output", "raw", "toolDefs", "tools", "variant", "version",
    };

    // Looked up for every top-level key of every file: a set, not a scan of the list.
    private static readonly HashSet<string> s_reserved = new(Reserved, StringComparer.Ordinal);

    /// <summary>Keys a prompt author may write (Dotprompt's documented keys); dotted keys are extensions.</summary>
    public static readonly IReadOnlyList<string> Known = new[]
    {
        "name", "variant", "version", "description", "model", "config", "input", "output", "tools", "toolDefs", "metadata",
    };

    public static bool IsReserved(string key) => s_reserved.Contains(key);

    public static bool IsExtension(string key) => key.IndexOf('.') >= 0;

    /// <summary>The closest known key to a misspelt one, or <c>null</c> when none is close.</summary>
    public static string? Suggest(string key, IEnumerable<string>? candidates = null) =>
        Templates.DidYouMean.Suggest(key, candidates ?? Known, Math.Max(1, Math.Min(3, (key.Length + 2) / 4)));
}
