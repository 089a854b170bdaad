using System.Text.RegularExpressions;

namespace PromptGen.LanguageServer.Workspace;

/// <summary>
/// The MSBuild properties the generator reads, taken from the project file of a workspace folder without evaluating
/// MSBuild: <c>RootNamespace</c> (default: the project file's name, as MSBuild's default), <c>PromptGenIntegerType</c>
/// and <c>PromptGenAccessibility</c>. Item metadata (<c>PromptGenClassName</c>, ...) is not read.
/// </summary>
internal sealed record ProjectSettings(string ProjectDirectory, string RootNamespace, string? IntegerType, string? Accessibility)
{
    public static ProjectSettings Read(string root)
    {
        string? project = null;
        try
        {
            project = Directory.EnumerateFiles(root, "*.csproj").OrderBy(p => p, StringComparer.Ordinal).FirstOrDefault();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }

        var directory = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (project is null) return new ProjectSettings(directory, string.Empty, null, null);
        string text;
        try
        {
            text = File.ReadAllText(project);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            text = string.Empty;
        }

        var rootNamespace = Property(text, "RootNamespace") ?? Path.GetFileNameWithoutExtension(project);
        return new ProjectSettings(directory, rootNamespace, Property(text, "PromptGenIntegerType"), Property(text, "PromptGenAccessibility"));
    }

    private static string? Property(string projectText, string name)
    {
        var match = Regex.Match(projectText, "<" + name + @">\s*([^<$]*?)\s*</" + name + ">");
        return match.Success && match.Groups[1].Value.Length > 0 ? match.Groups[1].Value : null;
    }
}
