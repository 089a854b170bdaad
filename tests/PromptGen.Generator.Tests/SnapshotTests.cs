using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Generated sources compared with checked-in files under <c>Snapshots/</c>: the prompts of <see cref="TestPrompts"/>
/// and every <c>.prompt</c> file under <c>SnapshotPrompts/</c> (Picoschema shapes, helpers, partials, text and JSON
/// output). Run with <c>PROMPTGEN_UPDATE_SNAPSHOTS=1</c> to rewrite them after an intended change, then review the diff.
/// </summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData("Prompts/Support/Triage.prompt", TestPrompts.Triage, "Acme.Support.Prompts.Support.TriageTicketPrompt.g.cs")]
    [InlineData("Prompts/Summarize.prompt", TestPrompts.Summarize, "Acme.Support.Prompts.SummarizePrompt.g.cs")]
    [InlineData("Counter.prompt", TestPrompts.Counter, "Acme.Support.WordCounter.g.cs")]
    public void Generated_source_matches_snapshot(string relativePath, string prompt, string hintName)
    {
        var harness = GeneratorHarness.Create(new[] { (GeneratorHarness.PathOf(relativePath), prompt) });
        var result = harness.Run();

        AssertMatchesSnapshot(hintName, result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString());
    }

    public static IEnumerable<object[]> SnapshotPromptFiles() =>
        Directory.GetFiles(SnapshotPromptDirectory(), "*.prompt", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("_", StringComparison.Ordinal))
            .Select(f => new object[] { Relative(f) })
            .OrderBy(f => (string)f[0], StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(SnapshotPromptFiles))]
    public void Snapshot_prompt_generates_the_snapshot(string relativePath)
    {
        var result = RunSnapshotProject().Result;
        var path = ProjectPath(relativePath);

        var generated = Assert.Single(result.GeneratedSources, s => s.SourceText.ToString().Contains("from " + Path.GetFileName(path) + ".", StringComparison.Ordinal));
        AssertMatchesSnapshot(generated.HintName, generated.SourceText.ToString());
    }

    [Fact]
    public void Snapshot_project_has_at_least_15_prompts_no_diagnostics_and_compiles_cleanly()
    {
        var (harness, result) = RunSnapshotProject();

        Assert.True(result.GeneratedSources.Length >= 15, $"only {result.GeneratedSources.Length} prompts");
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        var problems = harness.DiagnosticsWithNullableWarnings();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // Partials generate no class of their own.
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.Contains("Header", StringComparison.Ordinal));
    }

    private static readonly Lazy<(GeneratorHarness Harness, GeneratorRunResult Result)> s_snapshotProject = new(() =>
    {
        var files = Directory.GetFiles(SnapshotPromptDirectory(), "*.prompt", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (ProjectPath(Relative(f)), File.ReadAllText(f).Replace("\r\n", "\n")));
        var harness = GeneratorHarness.Create(files);
        return (harness, harness.Run());
    });

    private static (GeneratorHarness Harness, GeneratorRunResult Result) RunSnapshotProject() => s_snapshotProject.Value;

    private static string ProjectPath(string relative) => GeneratorHarness.PathOf("Prompts/" + relative);

    private static string Relative(string file) =>
        Path.GetRelativePath(SnapshotPromptDirectory(), file).Replace('\\', '/');

    internal static void AssertMatchesSnapshot(string hintName, string source)
    {
        var snapshot = Path.Combine(SnapshotDirectory(), hintName);
        if (Environment.GetEnvironmentVariable("PROMPTGEN_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(snapshot, source);
            return;
        }

        Assert.True(File.Exists(snapshot), $"No snapshot {hintName}; run the tests with PROMPTGEN_UPDATE_SNAPSHOTS=1 to create it.");
        Assert.Equal(File.ReadAllText(snapshot).Replace("\r\n", "\n"), source);
    }

    private static string SnapshotDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Snapshots");

    private static string SnapshotPromptDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "SnapshotPrompts");
}
