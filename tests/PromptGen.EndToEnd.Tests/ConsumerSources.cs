using System;

namespace PromptGen.EndToEnd.Tests;

/// <summary>The files of the consumer projects: prompts, an eval file and a Program.cs with a fake chat client.</summary>
internal static class ConsumerSources
{
    public const string RootNamespace = "Consumer";

    /// <summary>A prompt with one input and a typed object output (JSON Schema form, valid Dotprompt).</summary>
    public const string GreetPrompt = """
        ---
        input:
          schema:
            type: object
            properties:
              name:
                type: string
            required: [name]
        output:
          schema:
            type: object
            properties:
              greeting:
                type: string
            required: [greeting]
        ---
        Say hello to {{name}}.
        """;

    public const string GreetEval = """
        cases:
          - id: ada
            input: { name: Ada }
            assert:
              - { path: greeting, contains: Ada }
        """;

    /// <summary>Line 9 reads an undeclared variable: PG0203 at the start of <c>nmae</c>, (9,12).</summary>
    public const string UndeclaredVariablePrompt = """
        ---
        input:
          schema:
            type: object
            properties:
              name:
                type: string
        ---
        Write to {{nmae}} today.
        """;

    public const string UndeclaredVariableFixedPrompt = """
        ---
        input:
          schema:
            type: object
            properties:
              name:
                type: string
        ---
        Write to {{name}} today.
        """;

    /// <summary>Line 9 calls an unknown helper: PG0202 at the helper name, (9,10).</summary>
    public const string UnknownHelperPrompt = """
        ---
        input:
          schema:
            type: object
            properties:
              name:
                type: string
        ---
        Shout: {{shout name}}
        """;

    /// <summary>
    /// Program.cs: "info" prints facts about the generated class (needs only a successful build); "run" calls the
    /// generated extension method with a fake <c>IChatClient</c> that answers with the rendered prompt text as the
    /// greeting, and prints the typed result.
    /// </summary>
    public static string Program(string promptClass, string promptNamespace = RootNamespace + ".Prompts", bool includeRun = true) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using {{promptNamespace}};

        {{(includeRun ? RunBranch(promptClass) : "")}}

        Console.WriteLine("PROMPT=" + {{promptClass}}.PromptName);
        Console.WriteLine("CLASS=" + typeof({{promptClass}}).FullName);
        Console.WriteLine("INPUT=" + new {{promptClass}}.Input("Ada").Name);
        return 0;

        /// <summary>Answers every request with {"greeting": "<the text of the prompt it was sent>"}.</summary>
        sealed class EchoChatClient : IChatClient
        {
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
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

    private static string RunBranch(string promptClass) => $$"""
        if (args.Length > 0 && args[0] == "run")
        {
            using var client = new EchoChatClient();
            PromptGen.PromptResult<{{promptClass}}.Output> result = await client.GreetAsync("Ada");
            string greeting = result.Value.Greeting;
            Console.WriteLine("GREETING=" + greeting);
            Console.WriteLine("ATTEMPTS=" + result.Attempts);
            return 0;
        }
        """;

    public static string SdkProject(string sdkVersion, string extraItems = "") => $"""
        <Project Sdk="PromptGen.Sdk/{sdkVersion}">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <RootNamespace>{RootNamespace}</RootNamespace>
          </PropertyGroup>
          {extraItems}
        </Project>
        """;

    public static string PackageReferenceProject(string version, string extraItems = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <RootNamespace>{RootNamespace}</RootNamespace>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="PromptGen" Version="{version}" />
          </ItemGroup>
          {extraItems}
        </Project>
        """;
}
