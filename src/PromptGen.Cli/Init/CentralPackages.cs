namespace PromptGen.Cli.Init;

/// <summary>NuGet central package management: versions in the nearest <c>Directory.Packages.props</c> above the project.</summary>
internal static class CentralPackages
{
    public const string FileName = "Directory.Packages.props";
    public const string Property = "ManagePackageVersionsCentrally";

    /// <summary>
    /// The <c>Directory.Packages.props</c> that governs the project when it uses central package management, else
    /// <c>null</c>. It is in use when such a file exists in the project's folder or above, the project does not set
    /// <c>ManagePackageVersionsCentrally</c> to false, and something turns it on: the property set to true in the project,
    /// in that file or in the nearest <c>Directory.Build.props</c>, or <c>PackageVersion</c> items in that file.
    /// </summary>
    /// <exception cref="InitException">A file that decides it is not well-formed XML.</exception>
    public static (string Path, MSBuildFile File)? Find(string projectPath, MSBuildFile project)
    {
        var projectSetting = project.Property(Property);
        if (IsFalse(projectSetting)) return null;
        var propsPath = Nearest(projectPath, FileName);
        if (propsPath is null) return null;
        var props = MSBuildFile.Load(propsPath);
        if (IsTrue(projectSetting) || IsTrue(props.Property(Property)) ||
            props.Items.Any(i => string.Equals(i.Type, "PackageVersion", StringComparison.OrdinalIgnoreCase)))
        {
            return (propsPath, props);
        }

        var buildProps = Nearest(projectPath, "Directory.Build.props");
        return buildProps is not null && IsTrue(MSBuildFile.Load(buildProps).Property(Property)) ? (propsPath, props) : null;
    }

    private static string? Nearest(string projectPath, string fileName)
    {
        for (var folder = Path.GetDirectoryName(projectPath); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var candidate = Path.Combine(folder, fileName);
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static bool IsFalse(string? value) => string.Equals(value?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
}
