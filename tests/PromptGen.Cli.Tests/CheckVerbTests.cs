using System.Linq;
using PromptGen.Language.Values;

namespace PromptGen.Cli.Tests;

/// <summary><c>promptgen check</c> on one fixture per kind of mistake: the right ID at the right line and column.</summary>
public sealed class CheckVerbTests
{
    [Theory]
    [InlineData("invalid-yaml", "error", "PG0001", 3, 1)]
    [InlineData("unknown-key", "warning", "PG0002", 2, 1)]
    [InlineData("bad-value", "error", "PG0003", 3, 16)]
    [InlineData("fragile-delimiter", "warning", "PG0004", 1, 1)]
    [InlineData("picoschema-string-array", "error", "PG0101", 4, 11)]
    [InlineData("bad-parenthetical", "error", "PG0102", 4, 5)]
    [InlineData("bad-enum", "error", "PG0103", 4, 19)]
    [InlineData("unclosed-block", "error", "PG0201", 2, 1)]
    [InlineData("unknown-helper", "error", "PG0202", 1, 9)]
    [InlineData("undeclared-variable", "error", "PG0203", 7, 18)]
    [InlineData("unused-input", "warning", "PG0204", 5, 5)]
    [InlineData("type-misuse", "error", "PG0209", 6, 9)]
    [InlineData("role-block", "error", "PG0205", 1, 1)]
    [InlineData("invalid-role", "error", "PG0205", 1, 8)]
    [InlineData("missing-partial", "error", "PG0206", 2, 5)]
    [InlineData("media-without-url", "error", "PG0208", 2, 1)]
    [InlineData("media-type-unknown", "warning", "PG0210", 8, 1)]
    [InlineData("bad-input-default", "error", "PG0401", 6, 12)]
    [InlineData("format-schema-mismatch", "warning", "PG0402", 3, 11)]
    public void Each_mistake_is_reported_at_its_place(string fixture, string severity, string id, int line, int column)
    {
        var path = Fixture.PathOf($"mistakes/{fixture}.prompt");
        var run = CliRun.Of("check", path);
        Assert.True(run.Stdout.Contains($"{path}({line},{column}): {severity} {id}: "), run.ToString());
        Assert.Equal(severity == "error" ? 1 : 0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void A_partial_cycle_is_reported_and_fails_the_check()
    {
        var folder = Fixture.PathOf("partial-cycle");
        var run = CliRun.Of("check", folder);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{System.IO.Path.Combine(folder, "main.prompt")}(1,8): error PG0207: ", run.Stdout);
        Assert.Contains($"{System.IO.Path.Combine(folder, "_first.prompt")}(1,12): error PG0207: ", run.Stdout);
        Assert.Contains($"{System.IO.Path.Combine(folder, "_second.prompt")}(1,13): error PG0207: ", run.Stdout);
        Assert.DoesNotContain("PG0206", run.Stdout);
    }

    [Fact]
    public void Valid_prompts_and_partials_print_nothing()
    {
        var run = CliRun.Of("check", Fixture.PathOf("render"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Valid_prompts_print_an_empty_json_array()
    {
        var run = CliRun.Of("check", "--format", "json", Fixture.PathOf("render"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("[]\n", run.Stdout);
    }

    [Fact]
    public void Json_lists_every_diagnostic_of_a_folder_with_all_keys()
    {
        var run = CliRun.Of("check", "--format=json", Fixture.PathOf("mistakes"));
        Assert.Equal(1, run.ExitCode);
        var diagnostics = PromptJson.Parse(run.Stdout).Items;
        var keys = new[] { "id", "severity", "path", "line", "column", "endLine", "endColumn", "message" };
        Assert.All(diagnostics, d => Assert.Equal(keys, d.Properties.Select(p => p.Key)));
        var ids = diagnostics.Select(d => d["id"]!.AsString).ToHashSet();
        foreach (var id in new[] { "PG0001", "PG0002", "PG0003", "PG0004", "PG0101", "PG0102", "PG0103", "PG0201", "PG0202", "PG0203", "PG0204", "PG0205", "PG0206", "PG0208", "PG0209", "PG0210", "PG0401", "PG0402" })
        {
            Assert.Contains(id, ids);
        }
    }

    [Fact]
    public void Text_output_is_sorted_by_file_then_position()
    {
        var run = CliRun.Of("check", Fixture.PathOf("mistakes"));
        var files = run.Stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(l => l.Substring(0, l.IndexOf('('))).ToList();
        Assert.Equal(files.OrderBy(f => f, System.StringComparer.Ordinal), files);
    }
}
