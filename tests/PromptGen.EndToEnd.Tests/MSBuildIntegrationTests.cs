using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PromptGen.EndToEnd.Tests.Infrastructure;

namespace PromptGen.EndToEnd.Tests;

/// <summary>The buildTransitive props/targets and the SDK: default items, item metadata, central package management.</summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class MSBuildIntegrationTests(PackedPackages packages)
{
    private const string CentralPackageManagement = """
        <Project>
          <PropertyGroup>
            <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
          </PropertyGroup>
          <ItemGroup>
        {0}
          </ItemGroup>
        </Project>
        """;

    /// <summary>
    /// An SDK project under central package management (no PackageVersion for PromptGen: the SDK's reference is
    /// implicit) that renames a prompt's class and namespace with PromptFile metadata.
    /// </summary>
    [EndToEndFact]
    public async Task PromptFile_metadata_reaches_the_generator_and_the_sdk_works_under_central_package_management()
    {
        var consumer = await MetadataConsumerAsync();
        Assert.True(consumer.Build.ExitCode == 0, consumer.Build.ToString());

        var run = await consumer.Project.RunAsync("info");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("CLASS=Consumer.Custom.Greeter", run.StandardOutput);
    }

    [EndToEndFact]
    public async Task Default_items_are_PromptFile_and_PromptEval_and_are_handed_to_the_compiler_with_their_metadata()
    {
        var consumer = await MetadataConsumerAsync();

        var items = await ItemsAsync(consumer.Project);

        Assert.Equal(["Prompts/Greet.prompt", "Prompts/Other.prompt"], Identities(items, "PromptFile"));
        Assert.Equal(["Prompts/Greet.eval.yaml"], Identities(items, "PromptEval"));
        Assert.Equal(["Prompts/Greet.eval.yaml", "Prompts/Greet.prompt", "Prompts/Other.prompt"], Identities(items, "AdditionalFiles"));
        Assert.DoesNotContain(Identities(items, "None"), i => i.EndsWith(".prompt", StringComparison.Ordinal) || i.EndsWith(".eval.yaml", StringComparison.Ordinal));

        var greet = Item(items, "AdditionalFiles", "Prompts/Greet.prompt");
        Assert.Equal("Greeter", greet.GetProperty("PromptGenClassName").GetString());
        Assert.Equal("Consumer.Custom", greet.GetProperty("PromptGenNamespace").GetString());
        Assert.Equal("PromptFile", greet.GetProperty("PromptGenItemType").GetString());
        Assert.False(Item(items, "AdditionalFiles", "Prompts/Other.prompt").TryGetProperty("PromptGenClassName", out _));
        Assert.Equal("PromptEval", Item(items, "AdditionalFiles", "Prompts/Greet.eval.yaml").GetProperty("PromptGenItemType").GetString());
    }

    [EndToEndFact]
    public async Task EnableDefaultPromptItems_false_turns_the_default_items_off()
    {
        var consumer = await MetadataConsumerAsync();

        var items = await ItemsAsync(consumer.Project, "-p:EnableDefaultPromptItems=false");

        Assert.Empty(Identities(items, "PromptFile"));
        Assert.Empty(Identities(items, "PromptEval"));
        Assert.Empty(Identities(items, "AdditionalFiles"));
    }

    /// <summary>
    /// A compiler started for one build runs without the runtime's profile-guided tiering; the compiler server, an
    /// explicit opt-out and a DOTNET_TieredPGO of the environment are left alone.
    /// </summary>
    [EndToEndFact]
    public async Task A_new_compiler_process_runs_without_tiered_PGO_unless_opted_out()
    {
        var consumer = await MetadataConsumerAsync();

        Assert.Contains("DOTNET_TieredPGO=0", await CscEnvironmentAsync(consumer.Project, "-p:UseSharedCompilation=false"));
        Assert.DoesNotContain("DOTNET_TieredPGO", await CscEnvironmentAsync(consumer.Project, "-p:UseSharedCompilation=true"));
        Assert.DoesNotContain("DOTNET_TieredPGO", await CscEnvironmentAsync(consumer.Project, "-p:UseSharedCompilation=false", "-p:PromptGenCompilerTieredPGO=true"));
        Assert.DoesNotContain("DOTNET_TieredPGO", await CscEnvironmentAsync(consumer.Project, "-p:UseSharedCompilation=false", "-p:DOTNET_TieredPGO=1"));
    }

    private static async Task<string> CscEnvironmentAsync(ConsumerProject project, params string[] extraArguments)
    {
        var result = await project.GetPropertyAsync("CscEnvironment", extraArguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput.Trim();
    }

    /// <summary>A repository whose Directory.Packages.props also pins PromptGen (for projects that reference it directly).</summary>
    [EndToEndFact]
    public async Task Sdk_project_builds_when_central_package_management_has_a_PackageVersion_for_PromptGen()
    {
        var project = ConsumerProject.Create(packages, "cpm-with-version", ConsumerSources.SdkProject(packages.Version), new Dictionary<string, string>
        {
            ["Directory.Packages.props"] = string.Format(CentralPackageManagement, $"""    <PackageVersion Include="PromptGen" Version="{packages.Version}" />"""),
            ["Program.cs"] = ConsumerSources.Program("GreetPrompt", includeRun: false),
            ["Prompts/Greet.prompt"] = ConsumerSources.GreetPrompt,
        });

        var build = await project.BuildAsync(restore: true);

        Assert.True(build.ExitCode == 0, build.ToString());
    }

    private Task<BuiltConsumer> MetadataConsumerAsync() => packages.SharedAsync("consumer-metadata", async () =>
    {
        const string Metadata = """
            <ItemGroup>
                <PromptFile Update="Prompts/Greet.prompt" ClassName="Greeter" Namespace="Consumer.Custom" />
              </ItemGroup>
            """;
        var project = ConsumerProject.Create(packages, "metadata", ConsumerSources.SdkProject(packages.Version, Metadata), new Dictionary<string, string>
        {
            ["Directory.Packages.props"] = string.Format(CentralPackageManagement, ""),
            ["Program.cs"] = ConsumerSources.Program("Greeter", "Consumer.Custom", includeRun: false),
            ["Prompts/Greet.prompt"] = ConsumerSources.GreetPrompt,
            ["Prompts/Greet.eval.yaml"] = ConsumerSources.GreetEval,
            ["Prompts/Other.prompt"] = ConsumerSources.UndeclaredVariableFixedPrompt,
            // Under bin/ and obj/: excluded like every default item.
            ["obj/Leftover.prompt"] = ConsumerSources.UnknownHelperPrompt,
            ["bin/Leftover.eval.yaml"] = ConsumerSources.GreetEval,
        });
        return new BuiltConsumer(project, await project.BuildAsync(restore: true));
    });

    private static async Task<JsonElement> ItemsAsync(ConsumerProject project, params string[] extraArguments)
    {
        var result = await project.GetItemsAsync(["PromptFile", "PromptEval", "AdditionalFiles", "None"], extraArguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("Items");
    }

    private static string[] Identities(JsonElement items, string itemType) =>
        items.TryGetProperty(itemType, out var list)
            ? list.EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!.Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray()
            : [];

    private static JsonElement Item(JsonElement items, string itemType, string identity) =>
        items.GetProperty(itemType).EnumerateArray().Single(i => i.GetProperty("Identity").GetString()!.Replace('\\', '/') == identity);
}
