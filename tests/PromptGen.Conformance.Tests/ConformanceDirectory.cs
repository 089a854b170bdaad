using System;
using System.IO;

namespace PromptGen.Conformance.Tests;

/// <summary>
/// Finds the Dotprompt spec suite: <c>$PROMPTGEN_CONFORMANCE_DIR</c> when set, else
/// <c>&lt;repository root&gt;/../shared/conformance/dotprompt</c> (the root is the nearest folder
/// holding PromptGen.sln). A missing suite is an error, never a silent skip.
/// </summary>
public static class ConformanceDirectory
{
    public const string EnvironmentVariable = "PROMPTGEN_CONFORMANCE_DIR";

    public static string Locate() => Locate(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Locates the suite with an explicit override value (tests must not change the process environment).</summary>
    public static string Locate(string? overridden)
    {
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return Directory.Exists(overridden)
                ? Path.GetFullPath(overridden)
                : throw new DirectoryNotFoundException($"{EnvironmentVariable} is set to '{overridden}', which does not exist.");
        }

        var root = FindRepositoryRoot(AppContext.BaseDirectory) ?? FindRepositoryRoot(Directory.GetCurrentDirectory())
            ?? throw new DirectoryNotFoundException(
                $"Cannot find the repository root (a folder with PromptGen.sln) above '{AppContext.BaseDirectory}'. Set {EnvironmentVariable}.");
        var suite = Path.GetFullPath(Path.Combine(root, "..", "shared", "conformance", "dotprompt"));
        return Directory.Exists(suite)
            ? suite
            : throw new DirectoryNotFoundException(
                $"The Dotprompt conformance suite is missing: expected it at '{suite}'. Set {EnvironmentVariable} to its folder.");
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PromptGen.sln"))) return folder.FullName;
        }

        return null;
    }
}
