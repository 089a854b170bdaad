using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PromptGen.Fuzz;

/// <summary>Finds the test inputs a target's seed corpus starts from.</summary>
internal static class SeedFiles
{
    /// <summary>AFL works best from small seeds; a larger test input adds start-up time and little coverage.</summary>
    public const int MaxSeedLength = 8 * 1024;

    /// <summary>Files under <paramref name="root"/>'s tests and samples whose names end with <paramref name="suffix"/>, build output skipped.</summary>
    public static IEnumerable<string> Find(string root, string suffix) =>
        new[] { "tests", "samples" }
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*" + suffix, SearchOption.AllDirectories))
            .Where(file => !IsBuildOutput(file))
            .OrderBy(file => file, StringComparer.Ordinal);

    /// <summary>A file name unique in the corpus, kept readable: the test file's path with separators replaced.</summary>
    public static string NameOf(string root, string file, string extension = "") =>
        Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '_').Replace('/', '_') + extension;

    private static bool IsBuildOutput(string file)
    {
        var parts = file.Split(Path.DirectorySeparatorChar, '/');
        return parts.Contains("bin") || parts.Contains("obj") || parts.Contains("artifacts");
    }
}
