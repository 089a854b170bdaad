using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using PromptGen.EndToEnd.Tests.Infrastructure;

namespace PromptGen.EndToEnd.Tests;

/// <summary>Mistakes in .prompt files are build errors at the file's line and column, and edits are picked up.</summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class BuildDiagnosticsTests(PackedPackages packages)
{
    [EndToEndFact]
    public async Task Undeclared_variable_fails_the_build_with_PG0203_and_fixing_the_file_makes_the_next_build_pass()
    {
        var project = ConsumerProject.Create(packages, "undeclared-variable", ConsumerSources.PackageReferenceProject(packages.Version), new Dictionary<string, string>
        {
            ["Program.cs"] = "System.Console.WriteLine(\"ok\");\n",
            ["Prompts/Letter.prompt"] = ConsumerSources.UndeclaredVariablePrompt,
        });

        var broken = await project.BuildAsync(restore: true);

        Assert.True(broken.ExitCode != 0, broken.ToString());
        Assert.Contains("Prompts/Letter.prompt(9,12): error PG0203", broken.Output);

        project.WriteFile("Prompts/Letter.prompt", ConsumerSources.UndeclaredVariableFixedPrompt);
        var fixedBuild = await project.BuildAsync();

        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.ToString());
        Assert.DoesNotContain("PG0203", fixedBuild.Output);
    }

    [EndToEndFact]
    public async Task Unknown_helper_fails_the_build_with_PG0202_at_the_helper_name()
    {
        var project = ConsumerProject.Create(packages, "unknown-helper", ConsumerSources.SdkProject(packages.Version), new Dictionary<string, string>
        {
            ["Program.cs"] = "System.Console.WriteLine(\"ok\");\n",
            ["Prompts/Shout.prompt"] = ConsumerSources.UnknownHelperPrompt,
        });

        var build = await project.BuildAsync(restore: true);

        Assert.True(build.ExitCode != 0, build.ToString());
        Assert.Contains("Prompts/Shout.prompt(9,10): error PG0202", build.Output);
    }
}
