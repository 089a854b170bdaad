using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using PromptGen.EndToEnd.Tests.Infrastructure;

namespace PromptGen.EndToEnd.Tests;

/// <summary>
/// The packed PromptGen.Hosting package in a throwaway application: the generated typed client and registration appear
/// because the package is referenced, configuration reaches the chat call, and a bad value fails start-up.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class HostingConsumerTests(PackedPackages packages)
{
    private const string Program = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Consumer;
        using Consumer.Prompts;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;
        using PromptGen.Hosting;

        var temperature = args.Length > 0 ? args[0] : "0.3";
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PromptGen:Prompts:Greet:Temperature"] = temperature })
            .Build();
        var model = new EchoChatClient();
        var services = new ServiceCollection();
        services.AddSingleton<IChatClient>(model);
        services.AddPromptGen(configuration.GetSection("PromptGen")).AddConsumerPrompts();
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException exception)
        {
            Console.WriteLine("INVALID=" + exception.Message);
            return 1;
        }

        var result = await provider.GetRequiredService<GreetPrompt.Client>().RunAsync("Ada");
        Console.WriteLine("GREETING=" + result.Value.Greeting);
        Console.WriteLine("TEMPERATURE=" + model.Temperature);
        return 0;

        /// <summary>Answers with the prompt text as the greeting and keeps the temperature it was sent.</summary>
        sealed class EchoChatClient : IChatClient
        {
            public float? Temperature { get; private set; }

            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                Temperature = options?.Temperature;
                var prompt = string.Join(" ", messages.Select(m => m.Text)).Trim();
                var json = "{\"greeting\": " + System.Text.Json.JsonSerializer.Serialize(prompt) + "}";
                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, json)));
            }

            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException();

            public object? GetService(Type serviceType, object? serviceKey = null) => null;

            public void Dispose()
            {
            }
        }
        """;

    [EndToEndFact]
    public async Task The_typed_client_runs_with_configured_options_and_a_bad_value_fails_start_up()
    {
        var consumer = await BuiltConsumerAsync();
        Assert.True(consumer.Build.ExitCode == 0, consumer.Build.ToString());

        var run = await consumer.Project.RunAsync();
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("GREETING=Say hello to Ada.", run.StandardOutput);
        Assert.Contains("TEMPERATURE=0.3", run.StandardOutput);

        var bad = await consumer.Project.RunAsync("-1");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("INVALID=PromptGen:Prompts:Greet:Temperature is -1; it must be 0 or more.", bad.StandardOutput);
    }

    private Task<BuiltConsumer> BuiltConsumerAsync() => packages.SharedAsync("consumer-hosting", async () =>
    {
        var extraItems = $"""
            <ItemGroup>
                <PackageReference Include="PromptGen.Hosting" Version="{packages.Version}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.13" />
                <PackageReference Include="Microsoft.Extensions.Configuration" Version="10.0.13" />
              </ItemGroup>
            """;
        var project = ConsumerProject.Create(packages, "Consumer", ConsumerSources.PackageReferenceProject(packages.Version, extraItems), new Dictionary<string, string>
        {
            ["Program.cs"] = Program,
            ["Prompts/Greet.prompt"] = ConsumerSources.GreetPrompt,
        });
        return new BuiltConsumer(project, await project.BuildAsync(restore: true));
    });
}
