using PromptGen.Cli.Arguments;

namespace PromptGen.Cli.Files;

/// <summary>Guesses a project's built assembly: the newest <c>bin/**/&lt;project name&gt;.dll</c> (with its <c>.deps.json</c>).</summary>
internal static class BuiltAssemblyFinder
{
    /// <summary>The assembly <paramref name="option"/> names, else the one <see cref="Find"/> finds under <paramref name="projectDir"/>.</summary>
    /// <exception cref="UsageException">Neither: the project must be built, or the assembly named.</exception>
    public static string Resolve(ParsedArguments arguments, OptionSpec option, string projectDir) =>
        arguments.GetValue(option) ?? Find(projectDir)
        ?? throw new UsageException($"no built assembly found under '{projectDir}'; build the project or pass {option}");

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
