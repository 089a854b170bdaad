using System;
using System.IO;
using System.Threading.Tasks;
using PromptGen.EndToEnd.Tests.Infrastructure;

namespace PromptGen.EndToEnd.Tests;

/// <summary><c>promptgen init</c> from the installed tool turns a bare project into one whose first prompt builds and runs.</summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class InitToolTests(PackedPackages packages)
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
          </PropertyGroup>
        </Project>
        """;

    // Uses what init's next steps promise: the generated class in <root namespace>.Prompts and the extension method.
    private const string Program = """
        using System;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Greeter.Prompts;

        var output = HelloPrompt.Parse("```json\n{\"greeting\": \"Bonjour Ada !\", \"tone\": \"Friendly\",}\n```");
        Console.WriteLine("TONE=" + output.Tone);
        var messages = HelloPrompt.Render(new HelloPrompt.Input("Ada", Language: "French"));
        Console.WriteLine("USER=" + messages.Last().Text.Trim());
        Func<IChatClient, Task> call = client => client.HelloAsync("Ada", language: "French");
        Console.WriteLine("CALL=" + (call is not null));
        """;

    [EndToEndFact]
    public async Task Init_adds_the_package_and_a_first_prompt_that_builds_and_runs()
    {
        var toolPath = Path.Combine(packages.RootDirectory, "tools-init");
        var install = await DotNetCli.RunAsync(packages.ConsumersDirectory,
            "tool", "install", "--tool-path", toolPath, "--add-source", packages.FeedDirectory, "PromptGen.Cli", "--version", packages.Version);
        Assert.True(install.ExitCode == 0, install.ToString());
        var promptgen = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "promptgen.exe" : "promptgen");
        var directory = packages.NewConsumerDirectory("init");
        File.WriteAllText(Path.Combine(directory, "Greeter.csproj"), Project.ReplaceLineEndings("\n"));
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program.ReplaceLineEndings("\n"));

        // The packages of this run are packed from existing build outputs with a unique version the tool's assembly
        // does not carry, so the version is named; a released tool references its own version by default.
        var init = await DotNetCli.RunProcessAsync(promptgen, directory, ["init", "--package-version", packages.Version]);

        Assert.True(init.ExitCode == 0, init.ToString());
        var project = File.ReadAllText(Path.Combine(directory, "Greeter.csproj"));
        Assert.True(project.Contains($"<PackageReference Include=\"PromptGen\" Version=\"{packages.Version}\" />", StringComparison.Ordinal), init + "\n" + project);
        Assert.Contains("using Greeter.Prompts;", init.StandardOutput);

        var build = await DotNetCli.RunAsync(directory, "build", "-nodeReuse:false", "-tl:off");
        Assert.True(build.ExitCode == 0, build.ToString());
        var run = await DotNetCli.RunAsync(directory, "run", "--no-build");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("TONE=Friendly", run.StandardOutput);
        Assert.Contains("USER=Greet Ada in French.", run.StandardOutput);
        Assert.Contains("CALL=True", run.StandardOutput);
    }
}
