using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CsCheck;
using PromptGen.Evals.Sharding;

namespace PromptGen.Cli.Tests;

/// <summary>
/// Which shard a case belongs to: shards are disjoint and cover the suite, adding a case moves no other, the hash is the
/// documented one, and another process (the CLI run as a child process) assigns exactly the same cases.
/// </summary>
public sealed class ShardAssignmentTests
{
    private const string SuitePath = "Prompts/ClassifyTicket.eval.yaml";

    /// <summary>Case ids as users write them: ASCII slugs, punctuation, non-ASCII letters, emoji, combining marks.</summary>
    private static readonly Gen<string> CaseId = Gen.OneOf(
            Gen.Char['a', 'z'].Array[1, 8].Select(c => new string(c)),
            Gen.OneOf("-", "_", ".", " ", "/", ":", "#"),
            Gen.Char['\u00a0', '\ud7ff'].Select(c => c.ToString()),
            Gen.OneOf("é", "日本語", "Ж", "👍", "🇫🇷", "\U0001F600", "e\u0301"))
        .Array[1, 6]
        .Select(string.Concat);

    /// <summary>Suites of 0 to 500 distinct case ids.</summary>
    private static readonly Gen<List<string>> Suite = CaseId.Array[0, 500].Select(ids => ids.Distinct(StringComparer.Ordinal).ToList());

    [Fact]
    public void Shards_are_disjoint_and_together_are_the_suite()
    {
        Suite.Select(Gen.Int[1, 12]).Sample((ids, count) =>
        {
            var shards = Enumerable.Range(1, count).Select(i => new EvalShard(i, count)).ToList();
            var parts = shards.Select(shard => ids.Where(id => shard.Contains(SuitePath, id)).ToList()).ToList();

            // Every case is in exactly one shard, so the parts add up to the suite with nothing counted twice.
            Assert.All(ids, id => Assert.Equal(1, shards.Count(s => s.Contains(SuitePath, id))));
            Assert.Equal(ids.Count, parts.Sum(p => p.Count));
            Assert.Equal(ids.OrderBy(id => id, StringComparer.Ordinal), parts.SelectMany(p => p).OrderBy(id => id, StringComparer.Ordinal));
        }, iter: 200, threads: 1);
    }

    [Fact]
    public void Adding_a_case_moves_no_other_case()
    {
        Suite.Select(CaseId, Gen.Int[1, 12]).Sample((ids, added, count) =>
        {
            var before = ids.ToDictionary(id => id, id => EvalShard.Assign(SuitePath, id, count), StringComparer.Ordinal);
            var grown = ids.Append(added).Distinct(StringComparer.Ordinal).ToList();

            foreach (var id in grown.Where(before.ContainsKey))
            {
                Assert.Equal(before[id], EvalShard.Assign(SuitePath, id, count));
            }
        }, iter: 200, threads: 1);
    }

    [Theory]
    // Computed independently: int.from_bytes(sha256((path + "\0" + id).encode("utf-8")).digest()[:8], "big") % n + 1.
    [InlineData("Prompts/ClassifyTicket.eval.yaml", "refund", 8, 6)]
    [InlineData("Prompts/ClassifyTicket.eval.yaml", "é-ü-😀", 3, 3)]
    [InlineData("a.eval.yaml", "", 1000, 988)]
    public void The_hash_is_the_documented_one(string suitePath, string caseId, int count, int expected)
    {
        Assert.Equal(expected, EvalShard.Assign(suitePath, caseId, count));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("-1/3")]
    [InlineData("1/3/5")]
    public void Malformed_shards_are_refused(string text)
    {
        Assert.Throws<FormatException>(() => EvalShard.Parse(text));
    }

    [Fact]
    public async Task A_second_process_assigns_the_same_shards()
    {
        using var project = new ShardProject();
        var ids = new List<string>();
        // Eval files need an id with something besides white space (PG0505).
        Suite.Select(s => s.Where(id => id.Trim().Length > 0).ToList()).Where(s => s.Count >= 40).Sample(s => ids = s, iter: 1, threads: 1);
        project.WriteEvalFile(ids.Select(id => (id, true)).ToList());
        var output = Path.Combine(project.Folder, "shard-out");

        using var process = CliProcess.Start(new Dictionary<string, string?>(), project.EvalArguments("--shard", "2/3", "--shard-output", output));
        var exit = await process.ExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exit is 0 or 1, $"exit {exit}\n{process}");
        using var shard = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "promptgen-shard.json")));
        var suites = shard.RootElement.GetProperty("suites");
        Assert.True(suites.GetArrayLength() == 1, process.ToString());
        var suite = suites[0];
        Assert.Equal(SuitePath, suite.GetProperty("suitePath").GetString());
        var inChild = suite.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("caseId").GetString()).ToList();
        var here = ids.Where(id => new EvalShard(2, 3).Contains(SuitePath, id)).ToList();
        Assert.Equal(here, inChild);
        Assert.Equal(ids, suite.GetProperty("caseIds").EnumerateArray().Select(e => e.GetString()).ToList());
    }
}
