using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using PromptGen.EndToEnd.Tests.Infrastructure;

namespace PromptGen.EndToEnd.Tests;

/// <summary>What is inside the packed .nupkg files.</summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class PackageLayoutTests(PackedPackages packages)
{
    [EndToEndFact]
    public void PromptGen_package_has_the_runtime_in_lib_the_generator_in_analyzers_and_the_msbuild_files()
    {
        var entries = Entries("PromptGen");

        Assert.Contains("lib/netstandard2.0/PromptGen.dll", entries);
        Assert.Contains("lib/net8.0/PromptGen.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/PromptGen.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/PromptGen.Language.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", entries);
        Assert.Contains("buildTransitive/PromptGen.props", entries);
        Assert.Contains("buildTransitive/PromptGen.targets", entries);
        Assert.Contains("buildTransitive/PromptGen.Generator.props", entries);
        Assert.Contains("buildTransitive/PromptGen.Evals.targets", entries);
        Assert.Contains("buildMultiTargeting/PromptGen.targets", entries);
        // The MSBuild task PromptEval (netstandard2.0: every MSBuild) and the eval runner it starts.
        Assert.Contains("tasks/netstandard2.0/PromptGen.Tasks.dll", entries);
        Assert.Contains("tools/promptgen/PromptGen.Cli.dll", entries);
        Assert.Contains("README.md", entries);
        // The generator and its dependencies run in the compiler only: never in lib/, never a dependency.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && (e.Contains("Generator") || e.Contains("YamlDotNet") || e.Contains("Language")));
        var schemaInRepository = File.Exists(Path.Combine(BuildInfo.RepositoryRoot, "src", "PromptGen.Language", "Evals", "promptgen-eval.schema.json"));
        Assert.Equal(schemaInRepository, entries.Contains("schemas/promptgen-eval.schema.json"));
        Assert.True(File.Exists(packages.PackagePath("PromptGen", ".snupkg")), "PromptGen symbols package");
    }

    [EndToEndFact]
    public void PromptGen_package_depends_only_on_the_Microsoft_Extensions_AI_Logging_and_DiagnosticSource_abstractions()
    {
        var nuspec = Nuspec("PromptGen");
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        var groups = metadata.Element(ns + "dependencies")!.Elements(ns + "group").ToList();

        Assert.Equal(["net8.0", ".NETStandard2.0"], groups.Select(g => (string)g.Attribute("targetFramework")!).OrderByDescending(f => f, StringComparer.Ordinal));
        foreach (var group in groups)
        {
            // Telemetry adds ILogger (LoggerMessage events) and ActivitySource/Meter; Microsoft.Extensions.AI itself depends on both.
            Assert.Equal(
                ["Microsoft.Extensions.AI.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "System.Diagnostics.DiagnosticSource"],
                group.Elements(ns + "dependency").Select(d => (string)d.Attribute("id")!).Order(StringComparer.Ordinal));
        }

        Assert.Equal(packages.Version, (string?)metadata.Element(ns + "version"));
        Assert.Equal("MIT", (string?)metadata.Element(ns + "license"));
        Assert.Equal("README.md", (string?)metadata.Element(ns + "readme"));
        Assert.NotNull(metadata.Element(ns + "repository")?.Attribute("commit"));
    }

    [EndToEndFact]
    public void Sdk_package_is_an_msbuild_sdk_that_pins_the_PromptGen_version_it_was_packed_with()
    {
        var entries = Entries("PromptGen.Sdk");
        Assert.Contains("Sdk/Sdk.props", entries);
        Assert.Contains("Sdk/Sdk.targets", entries);
        Assert.Contains("Sdk/PromptGen.Evals.targets", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));

        var versionProps = XDocument.Parse(ReadEntry("PromptGen.Sdk", "Sdk/PromptGen.Sdk.Version.props"));
        Assert.Equal(packages.Version, versionProps.Descendants("PromptGenSdkVersion").Single().Value);

        var nuspec = Nuspec("PromptGen.Sdk");
        var ns = nuspec.Root!.Name.Namespace;
        Assert.Equal("MSBuildSdk", (string?)nuspec.Descendants(ns + "packageType").Single().Attribute("name"));
        Assert.Empty(nuspec.Descendants(ns + "dependency"));
    }

    [EndToEndFact]
    public void Cli_package_is_a_dotnet_tool_named_promptgen()
    {
        var entries = Entries("PromptGen.Cli");
        Assert.Contains("tools/net8.0/any/PromptGen.Cli.dll", entries);
        Assert.Contains("tools/net8.0/any/PromptGen.dll", entries);
        Assert.Contains("tools/net8.0/any/DotnetToolSettings.xml", entries);
        Assert.Contains("<Command Name=\"promptgen\"", ReadEntry("PromptGen.Cli", "tools/net8.0/any/DotnetToolSettings.xml"));

        var nuspec = Nuspec("PromptGen.Cli");
        var ns = nuspec.Root!.Name.Namespace;
        Assert.Equal("DotnetTool", (string?)nuspec.Descendants(ns + "packageType").Single().Attribute("name"));
    }

    private string[] Entries(string id)
    {
        using var zip = ZipFile.OpenRead(packages.PackagePath(id));
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    private string ReadEntry(string id, string entry)
    {
        using var zip = ZipFile.OpenRead(packages.PackagePath(id));
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    private XDocument Nuspec(string id) => XDocument.Parse(ReadEntry(id, id + ".nuspec"));
}
