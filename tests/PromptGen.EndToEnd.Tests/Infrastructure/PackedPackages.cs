using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace PromptGen.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The packages under test, made once per test run: PromptGen, PromptGen.Sdk and PromptGen.Cli packed from this
/// build's outputs into a private feed folder, with a unique prerelease version so that the NuGet global packages
/// folder (shared with everything else on the machine) can never hand back a stale copy. Also owns the temporary
/// folder the consumer projects live in; disposing removes both and the copies NuGet extracted.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    private static readonly string[] s_packageIds = ["PromptGen", "PromptGen.Sdk", "PromptGen.Cli", "PromptGen.Hosting"];

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<object>>> _shared = new();
    private int _consumerCount;

    public PackedPackages()
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        VersionSuffix = $"e2e-{stamp}-{Environment.ProcessId}";
        RootDirectory = Path.Combine(Path.GetTempPath(), "promptgen-e2e-" + VersionSuffix);
        FeedDirectory = Path.Combine(RootDirectory, "feed");
        ConsumersDirectory = Path.Combine(RootDirectory, "consumers");
    }

    public string VersionSuffix { get; }

    /// <summary>The full version of all three packages, e.g. 0.1.0-e2e-20250101120000-4242.</summary>
    public string Version { get; private set; } = "";

    public string RootDirectory { get; }

    public string FeedDirectory { get; }

    public string ConsumersDirectory { get; }

    /// <summary>The output of the pack command, for diagnosing failures.</summary>
    public ProcessResult? PackResult { get; private set; }

    public async Task InitializeAsync()
    {
        if (EndToEnd.SkipRequested) return;
        Directory.CreateDirectory(FeedDirectory);
        Directory.CreateDirectory(ConsumersDirectory);
        WriteIsolationFiles();

        // One pack of the three shipping projects: a solution filter over the repository's solution.
        var filter = Path.Combine(RootDirectory, "packages.slnf");
        var solution = Path.Combine(BuildInfo.RepositoryRoot, "PromptGen.sln");
        File.WriteAllText(filter, $$"""
            {
              "solution": {
                "path": "{{solution.Replace("\\", "\\\\")}}",
                "projects": [
                  "src/PromptGen/PromptGen.csproj",
                  "src/PromptGen.Sdk/PromptGen.Sdk.csproj",
                  "src/PromptGen.Cli/PromptGen.Cli.csproj",
                  "src/PromptGen.Hosting/PromptGen.Hosting.csproj"
                ]
              }
            }
            """);

        // --no-build: the packages are made from the outputs this test project was built with (its project
        // references build them first), so the packed code is exactly the code the rest of the suite tested.
        PackResult = await DotNetCli.RunAsync(RootDirectory,
            "pack", filter, "--no-build", "-c", BuildInfo.Configuration, "-o", FeedDirectory,
            "-p:VersionSuffix=" + VersionSuffix, "-nodeReuse:false", "-tl:off");
        if (PackResult.ExitCode != 0) throw new InvalidOperationException("Packing failed.\n" + PackResult);

        var sdkPackage = Directory.GetFiles(FeedDirectory, "PromptGen.Sdk.*.nupkg").SingleOrDefault()
            ?? throw new InvalidOperationException("PromptGen.Sdk was not packed.\n" + PackResult);
        Version = Path.GetFileNameWithoutExtension(sdkPackage).Substring("PromptGen.Sdk.".Length);
    }

    public Task DisposeAsync()
    {
        TryDelete(RootDirectory);
        if (Version.Length > 0)
        {
            foreach (var id in s_packageIds)
            {
                var idFolder = Path.Combine(GlobalPackagesFolder(), id.ToLowerInvariant());
                TryDelete(Path.Combine(idFolder, Version.ToLowerInvariant()));
                if (Directory.Exists(idFolder) && !Directory.EnumerateFileSystemEntries(idFolder).Any()) TryDelete(idFolder);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The path of a package file in the feed, e.g. <c>PackagePath("PromptGen")</c>.</summary>
    public string PackagePath(string id, string extension = ".nupkg") => Path.Combine(FeedDirectory, $"{id}.{Version}{extension}");

    /// <summary>Creates something once per run (e.g. a built consumer project) for every test that asks by <paramref name="key"/>.</summary>
    public async Task<T> SharedAsync<T>(string key, Func<Task<T>> create) where T : class =>
        (T)await _shared.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await create())).Value;

    /// <summary>A new empty folder for one consumer project, with a nuget.config that sees the feed.</summary>
    public string NewConsumerDirectory(string name)
    {
        var directory = Path.Combine(ConsumersDirectory, $"{System.Threading.Interlocked.Increment(ref _consumerCount):00}-{name}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>
    /// Files in the consumers' root: empty Directory.Build.* and Directory.Packages.props so that nothing from
    /// folders above is imported, the repository's global.json (same SDK), and a nuget.config with the repository's
    /// package sources plus the private feed.
    /// </summary>
    private void WriteIsolationFiles()
    {
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(ConsumersDirectory, name), "<Project />\n");
        }

        var globalJson = Path.Combine(BuildInfo.RepositoryRoot, "global.json");
        if (File.Exists(globalJson)) File.Copy(globalJson, Path.Combine(ConsumersDirectory, "global.json"));

        File.WriteAllText(Path.Combine(ConsumersDirectory, "nuget.config"), NuGetConfigWithFeed());
    }

    private string NuGetConfigWithFeed()
    {
        const string FeedKey = "promptgen-e2e";
        var config = XDocument.Load(Path.Combine(BuildInfo.RepositoryRoot, "nuget.config"));
        var root = config.Root!;
        var sources = root.Element("packageSources") ?? new XElement("packageSources");
        if (sources.Parent is null) root.Add(sources);
        var feed = new XElement("add", new XAttribute("key", FeedKey), new XAttribute("value", FeedDirectory));
        var clear = sources.Element("clear");
        if (clear is not null) clear.AddAfterSelf(feed);
        else sources.AddFirst(feed);

        // With package source mapping every package needs a source: map PromptGen's packages to the feed.
        var mapping = root.Element("packageSourceMapping");
        mapping?.Add(new XElement("packageSource", new XAttribute("key", FeedKey),
            s_packageIds.Select(id => new XElement("package", new XAttribute("pattern", id)))));
        return config.ToString();
    }

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file (on Windows); the folder is in the temp directory anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}
