using System.Collections.Generic;
using System.Threading.Tasks;
using PromptGen.EndToEnd.Tests.Infrastructure;

namespace PromptGen.EndToEnd.Tests;

/// <summary>What the eval gate tests share: a classification prompt, library projects and the environments of a run.</summary>
internal static class EvalProjects
{
    public const string ClassifyPrompt = """
        ---
        input:
          schema:
            type: object
            properties:
              ticket:
                type: string
            required: [ticket]
        output:
          schema:
            type: object
            properties:
              category:
                type: string
                enum: [billing, technical]
            required: [category]
        ---
        Classify this support ticket: {{ticket}}
        """;

    /// <summary>A library that references the packed PromptGen package, for <paramref name="targetFrameworks"/> (one or several).</summary>
    public static string Library(string version, string targetFrameworks = "net10.0") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <{(targetFrameworks.Contains(';') ? "TargetFrameworks" : "TargetFramework")}>{targetFrameworks}</{(targetFrameworks.Contains(';') ? "TargetFrameworks" : "TargetFramework")}>
            <Nullable>enable</Nullable>
            <RootNamespace>Consumer</RootNamespace>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="PromptGen" Version="{version}" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>Record or live runs against <paramref name="endpoint"/>, with a key that must never reach a log.</summary>
    public static Dictionary<string, string?> Online(string endpoint) => new()
    {
        ["CI"] = null,
        ["PROMPTGEN_EVAL_MODE"] = null,
        ["PROMPTGEN_ENDPOINT"] = endpoint,
        ["PROMPTGEN_MODEL"] = "fake-model",
        ["PROMPTGEN_API_KEY"] = "sk-e2e-secret-key-0123456789",
    };

    /// <summary>A CI machine: replay, no provider, no key.</summary>
    public static Dictionary<string, string?> Offline() => new()
    {
        ["CI"] = "true",
        ["PROMPTGEN_EVAL_MODE"] = null,
        ["PROMPTGEN_ENDPOINT"] = null,
        ["PROMPTGEN_MODEL"] = null,
        ["PROMPTGEN_API_KEY"] = null,
    };

    /// <summary><c>dotnet verb project --no-restore</c> with the switches of a quiet, isolated build.</summary>
    public static Task<ProcessResult> RunAsync(ConsumerProject project, IReadOnlyDictionary<string, string?> environment, string verb, params string[] arguments) =>
        DotNetCli.RunWithEnvironmentAsync(project.Directory, environment,
            [verb, project.ProjectFile, "--no-restore", "-nodeReuse:false", "-tl:off", .. arguments]);
}
