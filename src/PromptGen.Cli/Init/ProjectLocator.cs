namespace PromptGen.Cli.Init;

/// <summary>Finds the project <c>promptgen init</c> works on: a project file named on the command line, or the one in a folder.</summary>
internal static class ProjectLocator
{
    /// <summary>Project file extensions PromptGen can be added to (the generator is C#-only).</summary>
    private const string Extension = ".csproj";

    /// <exception cref="InitException">Nothing, or more than one project, is found.</exception>
    public static string Locate(string? argument)
    {
        var target = Path.GetFullPath(string.IsNullOrWhiteSpace(argument) ? Directory.GetCurrentDirectory() : argument!);
        if (File.Exists(target))
        {
            if (!target.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
            {
                throw new InitException($"'{argument}' is not a C# project file (.csproj)");
            }

            return target;
        }

        if (!Directory.Exists(target))
        {
            throw new InitException($"'{argument}' does not exist");
        }

        var projects = Directory.GetFiles(target, "*" + Extension, SearchOption.TopDirectoryOnly)
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
        return projects.Count switch
        {
            0 => throw new InitException($"no C# project (.csproj) found in {Display(target)}; name the project folder or file, e.g. promptgen init src/MyApp"),
            1 => projects[0],
            _ => throw new InitException($"{Display(target)} has {projects.Count} projects ({string.Join(", ", projects.Select(Path.GetFileName))}); name the one to use, e.g. promptgen init {Path.GetFileName(projects[0])}"),
        };
    }

    private static string Display(string folder) =>
        string.Equals(folder, Directory.GetCurrentDirectory(), StringComparison.Ordinal) ? "the current folder" : folder;
}
