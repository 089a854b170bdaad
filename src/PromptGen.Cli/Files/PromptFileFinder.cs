using PromptGen.Cli.Arguments;
using PromptGen.Language.Semantics;

namespace PromptGen.Cli.Files;

/// <summary>
/// Expands <c>check</c>'s arguments into files: a file is taken as it is; a directory is searched
/// recursively for <c>*.prompt</c> and eval files (<c>*.eval.yaml</c>, <c>*.eval.yml</c>), skipping build output and tool folders (<c>bin</c>, <c>obj</c>,
/// <c>node_modules</c>, names starting with a dot) and symbolic links to directories.
/// </summary>
internal static class PromptFileFinder
{
    public static IReadOnlyList<PromptFile> Find(IEnumerable<string> arguments)
    {
        var found = new List<PromptFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            if (File.Exists(argument))
            {
                var full = Path.GetFullPath(argument);
                if (seen.Add(full)) found.Add(new PromptFile(argument, full, Path.GetDirectoryName(full)!));
            }
            else if (Directory.Exists(argument))
            {
                var root = Path.GetFullPath(argument);
                foreach (var (display, full) in Search(argument))
                {
                    if (seen.Add(full)) found.Add(new PromptFile(display, full, root));
                }
            }
            else
            {
                throw new UsageException($"no such file or directory: '{argument}'");
            }
        }

        return found;
    }

    private static IEnumerable<(string Display, string Full)> Search(string directory)
    {
        IReadOnlyList<string> files;
        try
        {
            // The build's default items: the same folders are searched and skipped.
            files = ProjectFiles.Enumerate(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read directory '{directory}': {exception.Message}");
        }

        return files.Select(f => (f, Path.GetFullPath(f)));
    }
}
