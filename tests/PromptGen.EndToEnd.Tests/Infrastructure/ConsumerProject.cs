using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace PromptGen.EndToEnd.Tests.Infrastructure;

/// <summary>A throwaway project that uses the packed packages, built and run with the dotnet CLI.</summary>
public sealed class ConsumerProject
{
    private static readonly string[] s_buildSwitches = ["-nodeReuse:false", "-tl:off", "-consoleLoggerParameters:NoSummary"];

    private ConsumerProject(string directory, string projectFile)
    {
        Directory = directory;
        ProjectFile = projectFile;
    }

    public string Directory { get; }

    public string ProjectFile { get; }

    /// <summary>Creates the project folder with <paramref name="files"/> (relative path → content).</summary>
    public static ConsumerProject Create(PackedPackages packages, string name, string projectXml, IReadOnlyDictionary<string, string> files)
    {
        var directory = packages.NewConsumerDirectory(name);
        var project = new ConsumerProject(directory, Path.Combine(directory, name + ".csproj"));
        project.WriteFile(name + ".csproj", projectXml);
        foreach (var (path, content) in files) project.WriteFile(path, content);
        return project;
    }

    /// <summary>A project file written by the test itself, e.g. one of several projects in a consumer folder.</summary>
    public static ConsumerProject Open(string projectFile) => new(Path.GetDirectoryName(projectFile)!, projectFile);

    public void WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
    }

    /// <summary><c>dotnet build</c>; the first build of a project restores, later ones pass --no-restore.</summary>
    public Task<ProcessResult> BuildAsync(bool restore = false, params string[] extraArguments) =>
        DotNetCli.RunAsync(Directory, ["build", ProjectFile, .. restore ? Array.Empty<string>() : ["--no-restore"], .. s_buildSwitches, .. extraArguments]);

    /// <summary><c>dotnet run --no-build -- arguments</c>: runs the last build.</summary>
    public Task<ProcessResult> RunAsync(params string[] programArguments) =>
        DotNetCli.RunAsync(Directory, ["run", "--project", ProjectFile, "--no-build", "--", .. programArguments]);

    /// <summary>Evaluates the project and returns the values of <paramref name="itemTypes"/> as JSON.</summary>
    public Task<ProcessResult> GetItemsAsync(IEnumerable<string> itemTypes, params string[] extraArguments) =>
        DotNetCli.RunAsync(Directory, ["msbuild", ProjectFile, .. itemTypes.Select(t => "-getItem:" + t), "-nodeReuse:false", .. extraArguments]);

    /// <summary>The evaluated value of one property (msbuild -getProperty), with extra arguments such as -p: switches.</summary>
    public Task<ProcessResult> GetPropertyAsync(string property, params string[] extraArguments) =>
        DotNetCli.RunAsync(Directory, ["msbuild", ProjectFile, "-getProperty:" + property, "-nodeReuse:false", .. extraArguments]);
}
