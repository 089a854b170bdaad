using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Generated sources compared with checked-in files under <c>Snapshots/</c>.
/// Run with <c>PROMPTGEN_UPDATE_SNAPSHOTS=1</c> to rewrite them after an intended change, then review the diff.
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

        var source = result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
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
}
