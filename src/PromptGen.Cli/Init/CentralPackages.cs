using System;
using System.IO;

namespace PromptGen.Cli.Init;

/// <summary>NuGet central package management: versions in the nearest <c>Directory.Packages.props</c> above the project.</summary>
internal static class CentralPackages
{
    public const string FileName = "Directory.Packages.props";
    public const string Property = "ManagePackageVersionsCentrally";

    /// <summary>
    /// The <c>Directory.Packages.props</c> that governs the project, or <c>null</c> when the project does not use central
    /// package management (no such file above it, or the project sets <c>ManagePackageVersionsCentrally</c> to false).
    /// </summary>
    public static string? Find(string projectPath, MSBuildFile project)
    {
        if (string.Equals(project.Property(Property), "false", StringComparison.OrdinalIgnoreCase)) return null;
        for (var folder = Path.GetDirectoryName(projectPath); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var candidate = Path.Combine(folder, FileName);
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }
}
