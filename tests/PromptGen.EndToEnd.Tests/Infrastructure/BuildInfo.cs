using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace PromptGen.EndToEnd.Tests.Infrastructure;

/// <summary>Facts about the build of this test assembly: its configuration and the repository it came from.</summary>
public static class BuildInfo
{
    public static string Configuration { get; } = Metadata("PromptGen.BuildConfiguration");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        var fromBuild = Metadata("PromptGen.RepositoryRoot");
        if (File.Exists(Path.Combine(fromBuild, "PromptGen.sln"))) return Path.GetFullPath(fromBuild);
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromptGen.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("PromptGen.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Metadata(string key) =>
        typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException("Assembly metadata " + key + " is missing.");
}
