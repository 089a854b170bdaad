namespace PromptGen.Generator.Models;

/// <summary>Path text without touching the disk (a generator must not do file IO): separators and <c>..</c> folded.</summary>
internal static class FilePaths
{
    public static string Normalize(string path)
    {
        var rooted = path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal);
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(part);
        }

        return (rooted ? "/" : string.Empty) + string.Join("/", parts);
    }

    public static string Folder(string normalized)
    {
        var slash = normalized.LastIndexOf('/');
        return slash < 0 ? string.Empty : normalized.Substring(0, slash);
    }

    public static string FileName(string normalized) => normalized.Substring(normalized.LastIndexOf('/') + 1);
}
