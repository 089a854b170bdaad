using PromptGen.Language.Evals;
using PromptGen.Language.Text;

namespace PromptGen.Language.Semantics;

/// <summary>
/// Finds a project's prompt, partial and eval files the way the build's default items do (<c>**/*.prompt</c>,
/// <c>**/*.eval.yaml</c>): every folder below the root except build output and tool folders (<c>bin</c>, <c>obj</c>,
/// <c>node_modules</c>, names starting with a dot) and links to folders.
/// </summary>
public static class ProjectFiles
{
    private static readonly HashSet<string> s_skippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules" };

    /// <summary>Prompt, partial and eval files below <paramref name="directory"/>, in ordinal path order. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when a folder cannot be read.</summary>
    public static IReadOnlyList<string> Enumerate(string directory)
    {
        if (directory is null) throw new ArgumentNullException(nameof(directory));
        var results = new List<string>();
        if (!Directory.Exists(directory)) return results;

        // Iterative, so a deep tree cannot overflow the stack.
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            string[] files, folders;
            try
            {
                files = Directory.GetFiles(current);
                folders = Directory.GetDirectories(current);
            }
            catch (Exception exception) when (!ReferenceEquals(current, directory) && exception is DirectoryNotFoundException or UnauthorizedAccessException)
            {
                // A subfolder deleted while the tree is read (another tool's temporary folder), or one this user
                // cannot list: it holds nothing of the project, and must not fail the whole scan.
                continue;
            }

            results.AddRange(files.Where(IsProjectFile));
            foreach (var folder in folders)
            {
                var name = Path.GetFileName(folder);
                if (name.StartsWith(".", StringComparison.Ordinal) || s_skippedFolders.Contains(name)) continue;
                if (IsLinkOrGone(folder)) continue;
                pending.Push(folder);
            }
        }

        results.Sort(StringComparer.Ordinal);
        return results;
    }

    private static bool IsLinkOrGone(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).Attributes.HasFlag(FileAttributes.ReparsePoint);
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>A <c>.prompt</c> file (prompt or partial) or an eval file.</summary>
    public static bool IsProjectFile(string path) =>
        path.EndsWith(PartialFile.Extension, StringComparison.OrdinalIgnoreCase) || EvalPromptLink.IsEvalFile(path);

    /// <summary>Reads a prompt, partial or eval file as UTF-8 (bad bytes become U+FFFD; <see cref="PromptFileDecoder"/> reports them).</summary>
    public static string ReadText(string path) => ReadText(path, out _);

    /// <summary>Reads a file as UTF-8, with PG0005 when it is not valid UTF-8.</summary>
    /// <exception cref="FileTooLargeException">The file holds more than 64 MiB (a device such as <c>/dev/zero</c>).</exception>
    public static string ReadText(string path, out IReadOnlyList<Diagnostics.PromptDiagnostic> diagnostics) =>
        PromptFileDecoder.Decode(BoundedFile.ReadAllBytes(path), path, out diagnostics);
}
