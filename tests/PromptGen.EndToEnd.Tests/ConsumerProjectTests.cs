using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using PromptGen.EndToEnd.Tests.Infrastructure;

namespace PromptGen.EndToEnd.Tests;

/// <summary>
/// The two ways to use PromptGen: (a) <c>&lt;Project Sdk="PromptGen.Sdk/x.y.z"&gt;</c> and (b) Microsoft.NET.Sdk with
/// <c>PackageReference Include="PromptGen"</c>. Each consumer is built once and shared by the tests below.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class ConsumerProjectTests(PackedPackages packages)
{
    public const string Sdk = "sdk";
    public const string PackageReference = "package-reference";

    [EndToEndTheory]
    [InlineData(Sdk)]
    [InlineData(PackageReference)]
    public async Task Consumer_builds_and_the_generated_types_are_usable_from_Program(string kind)
    {
        var consumer = await BuiltConsumerAsync(kind);
        Assert.True(consumer.Build.ExitCode == 0, consumer.Build.ToString());

        var run = await consumer.Project.RunAsync("info");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("PROMPT=Greet", run.StandardOutput);
        Assert.Contains("CLASS=Consumer.Prompts.GreetPrompt", run.StandardOutput);
        Assert.Contains("INPUT=Ada", run.StandardOutput);
    }

    /// <summary>The whole path: generated Render, the call through IChatClient, generated Parse into the typed output.</summary>
    [EndToEndTheory]
    [InlineData(Sdk)]
    [InlineData(PackageReference)]
    public async Task Generated_method_returns_the_typed_value_from_the_chat_client(string kind)
    {
        var consumer = await BuiltConsumerAsync(kind);
        Assert.True(consumer.Build.ExitCode == 0, consumer.Build.ToString());

        var run = await consumer.Project.RunAsync("run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("GREETING=Say hello to Ada.", run.StandardOutput);
        Assert.Contains("ATTEMPTS=1", run.StandardOutput);
    }

    private Task<BuiltConsumer> BuiltConsumerAsync(string kind) => packages.SharedAsync("consumer-" + kind, async () =>
    {
        var projectXml = kind == Sdk
            ? ConsumerSources.SdkProject(packages.Version)
            : ConsumerSources.PackageReferenceProject(packages.Version);
        var project = ConsumerProject.Create(packages, kind, projectXml, new Dictionary<string, string>
        {
            ["Program.cs"] = ConsumerSources.Program("GreetPrompt"),
            ["Prompts/Greet.prompt"] = ConsumerSources.GreetPrompt,
            ["Prompts/Greet.eval.yaml"] = ConsumerSources.GreetEval,
        });
        return new BuiltConsumer(project, await project.BuildAsync(restore: true));
    });
}

public sealed record BuiltConsumer(ConsumerProject Project, ProcessResult Build);
