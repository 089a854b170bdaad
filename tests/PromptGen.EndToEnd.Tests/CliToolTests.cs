using System;
using System.IO;
using System.Threading.Tasks;
using PromptGen.EndToEnd.Tests.Infrastructure;

namespace PromptGen.EndToEnd.Tests;

/// <summary>The PromptGen.Cli package installs as the <c>promptgen</c> .NET tool and its check verb works.</summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class CliToolTests(PackedPackages packages)
{
    [EndToEndFact]
    public async Task Tool_installs_from_the_feed_and_promptgen_check_reports_diagnostics()
    {
        var toolPath = Path.Combine(packages.RootDirectory, "tools");
        var install = await DotNetCli.RunAsync(packages.ConsumersDirectory,
            "tool", "install", "--tool-path", toolPath, "--add-source", packages.FeedDirectory, "PromptGen.Cli", "--version", packages.Version);
        Assert.True(install.ExitCode == 0, install.ToString());

        var prompts = packages.NewConsumerDirectory("cli-check");
        File.WriteAllText(Path.Combine(prompts, "Good.prompt"), ConsumerSources.UndeclaredVariableFixedPrompt);
        File.WriteAllText(Path.Combine(prompts, "Shout.prompt"), ConsumerSources.UnknownHelperPrompt);
        var promptgen = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "promptgen.exe" : "promptgen");

        var check = await DotNetCli.RunProcessAsync(promptgen, prompts, ["check", "."]);

        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains("Shout.prompt(9,10): error PG0202", check.Output);
        Assert.DoesNotContain("Good.prompt", check.Output);

        var clean = await DotNetCli.RunProcessAsync(promptgen, prompts, ["check", "Good.prompt"]);

        Assert.True(clean.ExitCode == 0, clean.ToString());
    }
}
