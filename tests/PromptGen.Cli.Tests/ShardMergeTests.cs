using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PromptGen.Evals.Tests.Providers;

namespace PromptGen.Cli.Tests;

/// <summary>
/// <c>promptgen eval --shard i/n</c> then <c>promptgen eval merge</c> against the real compiled consumer, in replay mode
/// with hand-written recordings: three shards merged give the same JSON report, JUnit file, findings, verdict and exit
/// code as one run (only timestamps and durations are normalised: <c>startedAt</c>, <c>durationMs</c>, <c>latencyMs</c>
/// and JUnit's <c>time</c>), and incomplete or mismatched shards are refused with their own IDs.
/// </summary>
public sealed class ShardMergeTests : IDisposable
{
    private readonly ShardProject _project = new();

    public void Dispose() => _project.Dispose();

    private static List<(string Id, bool Passes)> Cases(int count, Func<int, bool> passes) =>
        Enumerable.Range(1, count).Select(i => ($"case-{i:00}", passes(i))).ToList();

    private string Out(string name) => Path.Combine(_project.Folder, "out", name);

    private (CliRun Run, string Reports) RunWhole(params string[] extra)
    {
        var reports = Out("whole");
        return (CliRun.Of(_project.EvalArguments(extra.Concat(new[] { "--report", reports }).ToArray())), reports);
    }

    private List<(CliRun Run, string Folder)> RunShards(int count, string prefix = "shard") =>
        Enumerable.Range(1, count).Select(i =>
        {
            var folder = Out($"{prefix}-{i}-of-{count}");
            return (CliRun.Of(_project.EvalArguments("--shard", $"{i}/{count}", "--shard-output", folder)), folder);
        }).ToList();

    private (CliRun Run, string Reports) Merge(IEnumerable<string> folders, params string[] extra)
    {
        var reports = Out("merged");
        var arguments = new[] { "eval", "merge" }.Concat(folders).Concat(new[] { "--project-dir", _project.Folder, "--report", reports }).Concat(extra);
        return (CliRun.Of(arguments.ToArray()), reports);
    }

    private static IEnumerable<string> FindingLines(CliRun run) =>
        run.Stdout.Split('\n').Where(l => l.Contains("): error ", StringComparison.Ordinal) || l.Contains("): warning ", StringComparison.Ordinal));

    private static string NormalisedJson(string reports)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(reports, "promptgen-evals.json")))!.AsObject();
        root.Remove("startedAt");
        root.Remove("durationMs");
        RemoveEverywhere(root, "latencyMs");
        return root.ToJsonString();
    }

    private static void RemoveEverywhere(JsonNode? node, string name)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove(name);
                foreach (var (_, child) in obj.ToList()) RemoveEverywhere(child, name);
                break;
            case JsonArray array:
                foreach (var child in array) RemoveEverywhere(child, name);
                break;
        }
    }

    private static string NormalisedJUnit(string reports) =>
        Regex.Replace(File.ReadAllText(Path.Combine(reports, "promptgen-evals.junit.xml")), " time=\"[^\"]*\"", string.Empty);

    /// <summary>Runs the suite whole and as three merged shards, asserts they agree, and returns both runs.</summary>
    private (CliRun Whole, List<(CliRun Run, string Folder)> Shards, CliRun Merged) AssertMergeEqualsOneRun(int expectedExit)
    {
        var (whole, wholeReports) = RunWhole();
        var shards = RunShards(3);
        var (merged, mergedReports) = Merge(shards.Select(s => s.Folder));

        Assert.True(whole.ExitCode == expectedExit, whole.ToString());
        Assert.True(merged.ExitCode == expectedExit, merged.ToString());
        Assert.Equal(FindingLines(whole), FindingLines(merged));
        Assert.Equal(NormalisedJson(wholeReports), NormalisedJson(mergedReports));
        Assert.Equal(NormalisedJUnit(wholeReports), NormalisedJUnit(mergedReports));
        Assert.Equal(
            File.ReadAllText(Path.Combine(wholeReports, "promptgen-evals.md")).Split('\n').Count(l => l.Contains("FAIL", StringComparison.Ordinal) || l.Contains("PASS", StringComparison.Ordinal)),
            File.ReadAllText(Path.Combine(mergedReports, "promptgen-evals.md")).Split('\n').Count(l => l.Contains("FAIL", StringComparison.Ordinal) || l.Contains("PASS", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(mergedReports, "promptgen-evals.html")));
        // Each shard ran its own cases only: together, each case once.
        var shardCases = shards.Sum(s => Regex.Match(s.Run.Stdout, @"eval file\(s\), (\d+) case\(s\)").Groups[1].Value is var n && n.Length > 0 ? int.Parse(n) : -1000);
        Assert.Equal(12, shardCases);
        return (whole, shards, merged);
    }

    [Fact]
    public void Three_shards_merged_equal_one_run_with_a_failing_critical_case()
    {
        _project.WriteEvalFile(Cases(12, i => i % 4 != 0), critical: new[] { "case-04" });

        var (_, shards, merged) = AssertMergeEqualsOneRun(expectedExit: 1);

        Assert.Contains("error PG1001: Critical case 'case-04' failed", merged.Stdout, StringComparison.Ordinal);
        // The critical case is a per-case rule: the shard that ran it fails on its own, the others pass.
        var owner = shards.Single(s => s.Run.Stdout.Contains("case-04", StringComparison.Ordinal));
        Assert.Equal(1, owner.Run.ExitCode);
        Assert.All(shards.Where(s => s != owner), s => Assert.True(s.Run.ExitCode == 0, s.Run.ToString()));
    }

    [Fact]
    public void Only_the_whole_suite_fails_min_pass_rate_and_the_merge_fails_like_one_run()
    {
        // 7 of 12 pass: 58% < 75%. No shard applies the floor, so each passes alone.
        _project.WriteEvalFile(Cases(12, i => i <= 7), minPassRate: 0.75);

        var (whole, shards, _) = AssertMergeEqualsOneRun(expectedExit: 1);

        Assert.Contains("error PG1001: Pass rate 58.3% (7 of 12 judged cases) is under min-pass-rate 75%", whole.Stdout, StringComparison.Ordinal);
        Assert.All(shards, s => Assert.True(s.Run.ExitCode == 0, s.Run.ToString()));
    }

    [Fact]
    public void Only_the_whole_suite_fails_the_sign_test_and_the_merge_fails_like_one_run()
    {
        // A baseline where every case passed 1 of 2 trials: no case is a guard regression (always passed, now always
        // fails), so only the suite's sign test can find the regression.
        _project.WriteEvalFile(Cases(12, _ => true));
        Assert.Equal(0, CliRun.Of(_project.EvalArguments("--update-baseline")).ExitCode);
        File.WriteAllText(_project.BaselineFile, File.ReadAllText(_project.BaselineFile).Replace("\"trials\": 1", "\"trials\": 2", StringComparison.Ordinal));
        _project.WriteEvalFile(Cases(12, i => i > 6), minPassRate: 0);

        var (whole, shards, _) = AssertMergeEqualsOneRun(expectedExit: 1);

        Assert.Contains("error PG1002: 6 case(s) regressed against the baseline", whole.Stdout, StringComparison.Ordinal);
        Assert.All(shards, s => Assert.True(s.Run.ExitCode == 0, s.Run.ToString()));
    }

    [Fact]
    public void Passing_suite_merges_to_exit_0()
    {
        _project.WriteEvalFile(Cases(12, _ => true));

        AssertMergeEqualsOneRun(expectedExit: 0);
    }

    [Fact]
    public void Merge_update_baseline_writes_the_baseline_one_run_writes()
    {
        _project.WriteEvalFile(Cases(12, i => i % 3 != 0));
        // The floor (100% by default) fails both runs: the baseline is written all the same.
        var whole = RunWhole("--update-baseline").Run;
        Assert.True(whole.ExitCode == 1, whole.ToString());
        var expected = File.ReadAllText(_project.BaselineFile);
        File.Delete(_project.BaselineFile);

        var shards = RunShards(3);
        Assert.False(File.Exists(_project.BaselineFile), "a shard wrote the baseline");
        var (merged, _) = Merge(shards.Select(s => s.Folder), "--update-baseline");

        Assert.True(merged.ExitCode == whole.ExitCode, merged.ToString());
        Assert.Equal(expected, File.ReadAllText(_project.BaselineFile));
    }

    [Fact]
    public void A_shard_refuses_update_baseline()
    {
        _project.WriteEvalFile(Cases(3, _ => true));

        var run = CliRun.Of(_project.EvalArguments("--shard", "1/2", "--update-baseline"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("a shard never writes the baseline", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_project.BaselineFile));
    }

    [Fact]
    public void A_missing_shard_is_PG1005_and_nothing_is_gated()
    {
        _project.WriteEvalFile(Cases(12, _ => true));
        var shards = RunShards(3);

        var (merged, reports) = Merge(shards.Take(2).Select(s => s.Folder));

        Assert.True(merged.ExitCode == 1, merged.ToString());
        Assert.Contains("error PG1005: Shard(s) 3/3 missing", merged.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(reports));
    }

    [Fact]
    public void A_folder_without_shard_results_is_PG1005()
    {
        _project.WriteEvalFile(Cases(4, _ => true));
        var shards = RunShards(1);
        var empty = Out("empty");
        Directory.CreateDirectory(empty);

        var (merged, _) = Merge(new[] { shards[0].Folder, empty });

        Assert.True(merged.ExitCode == 1, merged.ToString());
        Assert.Contains($"{empty}(1,1): error PG1005: '{empty}' holds no shard results", merged.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_given_twice_is_PG1006()
    {
        _project.WriteEvalFile(Cases(12, _ => true));
        var shards = RunShards(3);
        var copy = Out("copy-of-2");
        Directory.CreateDirectory(copy);
        File.Copy(Path.Combine(shards[1].Folder, "promptgen-shard.json"), Path.Combine(copy, "promptgen-shard.json"));

        var (merged, _) = Merge(shards.Select(s => s.Folder).Append(copy));

        Assert.True(merged.ExitCode == 1, merged.ToString());
        Assert.Contains($"{copy}(1,1): error PG1006: Shard 2/3 was given more than once", merged.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_of_an_edited_suite_is_PG1007()
    {
        _project.WriteEvalFile(Cases(12, _ => true));
        var shards = RunShards(3).Take(2).ToList();
        _project.WriteEvalFile(Cases(13, _ => true));
        var late = RunShards(3, "late")[2];

        var (merged, _) = Merge(shards.Select(s => s.Folder).Append(late.Folder));

        Assert.True(merged.ExitCode == 1, merged.ToString());
        Assert.Contains("error PG1007: Shard 3/3 ran another suite than shard 1 (different eval files or cases", merged.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Shards_split_differently_are_PG1007()
    {
        _project.WriteEvalFile(Cases(12, _ => true));
        var two = RunShards(2, "two");
        var three = RunShards(3, "three");

        var (merged, _) = Merge(new[] { two[0].Folder, three[1].Folder, three[2].Folder });

        Assert.True(merged.ExitCode == 1, merged.ToString());
        Assert.Contains("error PG1007: Shard 1/2 was split 2 ways, but the shards given were split 2 and 3 ways", merged.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_shard_results_are_PG1008()
    {
        _project.WriteEvalFile(Cases(12, _ => true));
        var shards = RunShards(2);
        var first = JsonNode.Parse(File.ReadAllText(Path.Combine(shards[0].Folder, "promptgen-shard.json")))!;
        var secondPath = Path.Combine(shards[1].Folder, "promptgen-shard.json");
        var second = JsonNode.Parse(File.ReadAllText(secondPath))!;
        var stolen = first["suites"]![0]!["results"]![0]!.DeepClone();
        second["suites"]![0]!["results"]!.AsArray().Add(stolen);
        File.WriteAllText(secondPath, second.ToJsonString());

        var (merged, _) = Merge(shards.Select(s => s.Folder));

        Assert.True(merged.ExitCode == 1, merged.ToString());
        Assert.Contains($"error PG1008: Case '{stolen["caseId"]}' of", merged.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_mode_shards_bring_their_recordings_to_the_merge()
    {
        _project.WriteEvalFile(Cases(6, _ => true));
        File.Delete(_project.RecordingsFile);
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("{\"category\": \"billing\", \"confidence\": 0.9}"));
        var environment = new Dictionary<string, string?> { ["PROMPTGEN_API_KEY"] = "sk-test-" + new string('k', 24) };
        var folders = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var folder = Out($"recorded-{i}");
            folders.Add(folder);
            using var process = CliProcess.Start(
                environment,
                "eval", _project.Folder, "--assembly", ShardProject.ConsumerAssembly(), "--mode", "record", "--no-progress",
                "--endpoint", server.Endpoint, "--model", "test-model", "--shard", $"{i}/3", "--shard-output", folder);
            Assert.True(await process.ExitAsync(TimeSpan.FromMinutes(2)) == 0, process.ToString());
        }

        Assert.Equal(6, server.RequestCount);
        // Each shard ran on its own machine: only its folder reaches the merge job.
        File.Delete(_project.RecordingsFile);

        var (merged, _) = Merge(folders);

        Assert.True(merged.ExitCode == 0, merged.ToString());
        Assert.Contains($"recordings written: {_project.RecordingsFile}", merged.Stdout, StringComparison.Ordinal);
        var replay = CliRun.Of(_project.EvalArguments());
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Equal(6, server.RequestCount);
    }
}
