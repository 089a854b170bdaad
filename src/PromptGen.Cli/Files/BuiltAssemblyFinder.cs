namespace PromptGen.Cli.Files;

/// <summary>Guesses a project's built assembly: the newest <c>bin/**/&lt;project name&gt;.dll</c> (with its <c>.deps.json</c>).</summary>
internal static class BuiltAssemblyFinder
{
    public static string? Find(string projectDir)
    {
        var project = Directory.EnumerateFiles(projectDir, "*.csproj").FirstOrDefault();
        var bin = Path.Combine(projectDir, "bin");
        if (project is null || !Directory.Exists(bin)) return null;
        var name = Path.GetFileNameWithoutExtension(project) + ".dll";
        return Directory.EnumerateFiles(bin, name, SearchOption.AllDirectories)
            .Where(path => File.Exists(Path.ChangeExtension(path, ".deps.json")))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }
}
