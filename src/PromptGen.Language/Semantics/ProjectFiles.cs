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
            results.AddRange(Directory.GetFiles(current).Where(IsProjectFile));
            foreach (var folder in Directory.GetDirectories(current))
            {
                var name = Path.GetFileName(folder);
                if (name.StartsWith(".", StringComparison.Ordinal) || s_skippedFolders.Contains(name)) continue;
                if (new DirectoryInfo(folder).Attributes.HasFlag(FileAttributes.ReparsePoint)) continue;
                pending.Push(folder);
            }
        }

        results.Sort(StringComparer.Ordinal);
        return results;
    }

    /// <summary>A <c>.prompt</c> file (prompt or partial) or an eval file.</summary>
    public static bool IsProjectFile(string path) =>
        path.EndsWith(PartialFile.Extension, StringComparison.OrdinalIgnoreCase) || EvalPromptLink.IsEvalFile(path);

    /// <summary>Reads a prompt, partial or eval file as UTF-8 (bad bytes become U+FFFD; <see cref="PromptFileDecoder"/> reports them).</summary>
    public static string ReadText(string path) => ReadText(path, out _);

    /// <summary>Reads a file as UTF-8, with PG0005 when it is not valid UTF-8.</summary>
    public static string ReadText(string path, out IReadOnlyList<Diagnostics.PromptDiagnostic> diagnostics) =>
        PromptFileDecoder.Decode(File.ReadAllBytes(path), path, out diagnostics);
}
