using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PromptGen.EndToEnd.Tests.Infrastructure;

namespace PromptGen.EndToEnd.Tests;

/// <summary>
/// The eval gate of a multi-targeting library (net8.0;net10.0) and of a Microsoft.Testing.Platform test project, with
/// the packed packages: <c>dotnet build -t:PromptEval</c>, <c>dotnet test</c> in VSTest mode and <c>dotnet test</c> in
/// Microsoft.Testing.Platform mode (a global.json that selects it) each run the library's evals once, for its first
/// target framework (or PromptGenEvalTargetFramework), and a failing gate fails <c>dotnet test</c> in both modes.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class EvalGateTargetFrameworkTests(PackedPackages packages)
{
    /// <summary>Case <c>refund</c> (critical) has its id on line 3.</summary>
    private const string ClassifyEval = """
        gate: { min-pass-rate: 1 }
        cases:
          - id: refund
            critical: true
            input: { ticket: "Please refund my order" }
            assert:
              - { path: category, equals: billing }
          - id: crash
            input: { ticket: "The app crashes on start" }
            assert:
              - { path: category, equals: technical }
        """;

    private static string Recordings(string refund) => $$"""
        { "note": "hand-written", "entries": [
          { "case": "refund", "response": { "text": "{\"category\":\"{{refund}}\"}" } },
          { "case": "crash", "response": { "text": "{\"category\":\"technical\"}" } } ] }
        """;

    private const string TestProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <OutputType>Exe</OutputType>
            <Nullable>enable</Nullable>
            <RootNamespace>Consumer.Tests</RootNamespace>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="xunit.v3" Version="4.0.3" />
            <ProjectReference Include="../../lib/lib.csproj" />
          </ItemGroup>
        </Project>
        """;

    private const string TestCode = """
        using Xunit;

        public class ClassifyTests
        {
            [Fact]
            public void The_library_prompt_is_compiled() => Assert.Equal("ClassifyPrompt", typeof(Consumer.Prompts.ClassifyPrompt).Name);
        }
        """;

    [EndToEndFact]
    public async Task A_multi_targeting_library_runs_its_evals_once_under_PromptEval_VSTest_and_Microsoft_Testing_Platform()
    {
        var root = packages.NewConsumerDirectory("evaltfm");
        var library = Write(root, "lib/lib.csproj", EvalProjects.Library(packages.Version, "net8.0;net10.0"));
        Write(root, "lib/Prompts/Classify.prompt", EvalProjects.ClassifyPrompt);
        Write(root, "lib/Prompts/Classify.eval.yaml", ClassifyEval);
        Write(root, "lib/Prompts/Classify.eval.recordings.json", Recordings("billing"));
        // The Microsoft.Testing.Platform solution: a global.json that selects it, an xunit.v3 test project with evals of its own.
        var mtp = Path.Combine(root, "mtp");
        Write(root, "mtp/global.json", MicrosoftTestingPlatformGlobalJson());
        Write(root, "mtp/mtp.slnx", """
            <Solution>
              <Project Path="../lib/lib.csproj" />
              <Project Path="tests/tests.csproj" />
            </Solution>
            """);
        Write(root, "mtp/tests/tests.csproj", TestProject);
        Write(root, "mtp/tests/ClassifyTests.cs", TestCode);
        Write(root, "mtp/tests/Prompts/Triage.prompt", EvalProjects.ClassifyPrompt);
        Write(root, "mtp/tests/Prompts/Triage.eval.yaml", ClassifyEval);
        Write(root, "mtp/tests/Prompts/Triage.eval.recordings.json", Recordings("billing"));
        var project = ConsumerProject.Open(library);
        var offline = EvalProjects.Offline();

        var restore = await DotNetCli.RunWithEnvironmentAsync(mtp, offline, "restore", "mtp.slnx", "-nodeReuse:false", "-tl:off");
        Assert.True(restore.ExitCode == 0, restore.ToString());

        // 1. dotnet test, Microsoft.Testing.Platform mode: the library (outer build: its first target framework) and the
        //    test application (an ordinary build) run their evals, and the test runs.
        var passing = await DotNetCli.RunWithEnvironmentAsync(mtp, offline, "test", "--solution", "mtp.slnx", "--no-restore");
        Assert.True(passing.ExitCode == 0, passing.ToString());
        Assert.Contains("succeeded: 1", passing.Output);
        Assert.Equal(["net8.0"], EvaluatedFrameworks(root, "lib"));
        Assert.Equal(["net10.0"], EvaluatedFrameworks(root, "mtp/tests"));

        // 2. -t:PromptEval on the outer build: the first target framework's evals, once.
        DeleteStamps(root);
        var evaluate = await EvalProjects.RunAsync(project, offline, "build", "-t:PromptEval");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        Assert.Equal(1, GatesPassed(evaluate));
        Assert.Equal(["net8.0"], EvaluatedFrameworks(root, "lib"));

        // 3. dotnet test, VSTest mode: the outer VSTest target reaches both target frameworks; only the one chosen with
        //    PromptGenEvalTargetFramework runs the evals.
        DeleteStamps(root);
        var vstest = await EvalProjects.RunAsync(project, offline, "test", "-p:PromptGenEvalTargetFramework=net10.0");
        Assert.True(vstest.ExitCode == 0, vstest.ToString());
        Assert.Equal(1, GatesPassed(vstest));
        Assert.Equal(["net10.0"], EvaluatedFrameworks(root, "lib"));

        // 4. A failing gate in the library fails dotnet test in Microsoft.Testing.Platform mode, at the case's line.
        Write(root, "lib/Prompts/Classify.eval.recordings.json", Recordings("technical"));
        var failing = await DotNetCli.RunWithEnvironmentAsync(mtp, offline, "test", "--solution", "mtp.slnx", "--no-restore");
        Assert.True(failing.ExitCode != 0, failing.ToString());
        Assert.Matches(new Regex(@"lib/Prompts/Classify\.eval\.yaml\(3,9\): error PG1001: Critical case 'refund' failed"), failing.Output);
        Assert.DoesNotMatch(new Regex(@"Triage\.eval\.yaml\(\d+,\d+\): error"), failing.Output);
    }

    private static string Write(string root, string relativePath, string content)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }

    /// <summary>The repository's global.json (same SDK) plus the test section that selects Microsoft.Testing.Platform.</summary>
    private static string MicrosoftTestingPlatformGlobalJson()
    {
        var globalJson = Path.Combine(BuildInfo.RepositoryRoot, "global.json");
        var root = File.Exists(globalJson) ? JsonNode.Parse(File.ReadAllText(globalJson))!.AsObject() : new JsonObject();
        root["test"] = new JsonObject { ["runner"] = "Microsoft.Testing.Platform" };
        return root.ToJsonString();
    }

    /// <summary>How many gate summaries the run printed for the library's eval file.</summary>
    private static int GatesPassed(ProcessResult result) => Regex.Matches(result.Output, @"Classify\.eval\.yaml: gate passed").Count;

    /// <summary>The target frameworks of <paramref name="project"/> whose evals passed since the stamps were deleted.</summary>
    private static string[] EvaluatedFrameworks(string root, string project)
    {
        var obj = Path.Combine(root, project, "obj", "Debug");
        return Directory.Exists(obj)
            ? Directory.GetDirectories(obj).Where(d => File.Exists(Path.Combine(d, "promptgen-evals.default.stamp")))
                .Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    private static void DeleteStamps(string root)
    {
        foreach (var stamp in Directory.GetFiles(root, "promptgen-evals.*.stamp", SearchOption.AllDirectories)) File.Delete(stamp);
    }
}
