using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PromptGen.Cli.Arguments;
using PromptGen.Language.Evals;

namespace PromptGen.Cli.Files;

/// <summary>
/// Expands <c>check</c>'s arguments into files: a file is taken as it is; a directory is searched
/// recursively for <c>*.prompt</c> and eval files (<c>*.eval.yaml</c>, <c>*.eval.yml</c>), skipping build output and tool folders (<c>bin</c>, <c>obj</c>,
/// <c>node_modules</c>, names starting with a dot) and symbolic links to directories.
/// </summary>
internal static class PromptFileFinder
{
    private static readonly HashSet<string> s_skippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules" };

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
        // Iterative, so a deep tree cannot overflow the stack; sorted, so output is stable.
        var pending = new Stack<string>();
        pending.Push(directory);
        var results = new List<(string, string)>();
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            string[] files;
            string[] folders;
            try
            {
                files = Directory.GetFiles(current);
                folders = Directory.GetDirectories(current);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read directory '{current}': {exception.Message}");
            }

            results.AddRange(files
                .Where(f => f.EndsWith(".prompt", StringComparison.OrdinalIgnoreCase) || EvalPromptLink.IsEvalFile(f))
                .Select(f => (f, Path.GetFullPath(f))));

            foreach (var folder in folders.OrderByDescending(f => f, StringComparer.Ordinal))
            {
                var name = Path.GetFileName(folder);
                if (name.StartsWith(".", StringComparison.Ordinal) || s_skippedFolders.Contains(name)) continue;
                if (new DirectoryInfo(folder).Attributes.HasFlag(FileAttributes.ReparsePoint)) continue;
                pending.Push(folder);
            }
        }

        return results.OrderBy(r => r.Item1, StringComparer.Ordinal);
    }
}
