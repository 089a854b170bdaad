using System.Linq;
using System.Text.Json;

namespace PromptGen.Cli.Tests;

/// <summary><c>promptgen parse</c>: the schema-aligned parser for a prompt's output schema, with its repairs.</summary>
public sealed class ParseVerbTests
{
    private static string Triage => Fixture.PathOf("parse/triage.prompt");

    private static string Reply => Fixture.PathOf("parse/reply.prompt");

    [Fact]
    public void Clean_json_parses_with_only_benign_repairs()
    {
        var run = CliRun.Of("parse", Triage, "--text", "{\"category\":\"how-to\",\"priority\":3,\"tags\":[\"a\"]}");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean());
        var value = root.GetProperty("value");
        Assert.Equal("how-to", value.GetProperty("category").GetString());
        Assert.Equal(3, value.GetProperty("priority").GetInt32());
        Assert.Equal(JsonValueKind.Null, value.GetProperty("summary").ValueKind);
        var repair = Assert.Single(root.GetProperty("repairs").EnumerateArray());
        Assert.Equal("NullForMissingOptional", repair.GetProperty("kind").GetString());
        Assert.Equal("$.summary", repair.GetProperty("path").GetString());
    }

    [Fact]
    public void Malformed_output_from_a_file_is_repaired_and_every_repair_is_located()
    {
        var path = Fixture.PathOf("parse/malformed-output.txt");
        var text = System.IO.File.ReadAllText(path);
        var run = CliRun.Of("parse", Triage, "--text", "@" + path);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal(
            "{\"category\":\"billing\",\"priority\":2,\"tags\":[\"refund\"],\"summary\":null}",
            JsonSerializer.Serialize(root.GetProperty("value")));

        var repairs = root.GetProperty("repairs").EnumerateArray().ToList();
        var kinds = repairs.Select(r => r.GetProperty("kind").GetString()).ToList();
        Assert.Contains("StrippedCodeFence", kinds);
        Assert.Contains("StrippedProse", kinds);
        Assert.Contains("TrailingComma", kinds);
        Assert.Contains("EnumCaseFixed", kinds);
        Assert.Contains("NumberFromString", kinds);
        Assert.Contains("SingleValueToList", kinds);

        // start/length point at the text that was repaired.
        var enumRepair = repairs.Single(r => r.GetProperty("kind").GetString() == "EnumCaseFixed");
        Assert.Equal("$.category", enumRepair.GetProperty("path").GetString());
        var start = enumRepair.GetProperty("start").GetInt32();
        var length = enumRepair.GetProperty("length").GetInt32();
        Assert.Equal("\"Billing\"", text.Substring(start, length));
        Assert.False(string.IsNullOrEmpty(enumRepair.GetProperty("message").GetString()));
    }

    [Fact]
    public void Strict_mode_rejects_output_that_needs_repair()
    {
        var run = CliRun.Of("parse", Triage, "--strict", "--text", "{\"category\":\"Billing\",\"priority\":2,\"tags\":[]}");
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Contains("strict mode", json.RootElement.GetProperty("error").GetString());
        Assert.Contains(json.RootElement.GetProperty("repairs").EnumerateArray(), r => r.GetProperty("kind").GetString() == "EnumCaseFixed");
        Assert.False(json.RootElement.TryGetProperty("value", out _));
    }

    [Fact]
    public void Strict_mode_accepts_clean_output()
    {
        var run = CliRun.Of("parse", Triage, "--strict", "--text", "{\"category\":\"billing\",\"priority\":2,\"tags\":[],\"summary\":\"s\"}");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Empty(json.RootElement.GetProperty("repairs").EnumerateArray());
    }

    [Theory]
    [InlineData("I could not decide.")]
    [InlineData("{\"category\":\"billing\",\"tags\":[]}")]
    [InlineData("{\"category\":\"shipping\",\"priority\":1,\"tags\":[]}")]
    [InlineData("")]
    public void Output_that_cannot_be_parsed_exits_1_with_the_error(string text)
    {
        var run = CliRun.Of("parse", Triage, "--text", text);
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error").GetString()));
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("repairs").ValueKind);
    }

    [Fact]
    public void Missing_required_property_names_it()
    {
        var run = CliRun.Of("parse", Triage, "--text", "{\"category\":\"billing\",\"tags\":[]}");
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Contains("'priority'", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void Text_output_is_the_text_itself()
    {
        const string text = "  Hello \"Ann\",\n```json\n{not: parsed}\n```";
        var run = CliRun.Of("parse", Reply, "--text", text);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(text, json.RootElement.GetProperty("value").GetString());
        Assert.Empty(json.RootElement.GetProperty("repairs").EnumerateArray());
    }

    [Fact]
    public void Double_at_sign_starts_inline_text_with_an_at_sign()
    {
        var run = CliRun.Of("parse", Reply, "--text", "@@home");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("@home", json.RootElement.GetProperty("value").GetString());
    }

    [Fact]
    public void Missing_text_is_a_usage_error()
    {
        var run = CliRun.Of("parse", Triage);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--text is required", run.Stderr);
        Assert.Contains("usage: promptgen parse", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Missing_text_file_is_a_usage_error()
    {
        var run = CliRun.Of("parse", Triage, "--text", "@" + Fixture.PathOf("parse/no-such-file.txt"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such file", run.Stderr);
    }

    [Fact]
    public void Missing_prompt_file_is_a_usage_error()
    {
        var run = CliRun.Of("parse", Fixture.PathOf("parse/nope.prompt"), "--text", "{}");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such file", run.Stderr);
    }

    [Fact]
    public void A_prompt_whose_frontmatter_has_errors_is_reported_on_stderr()
    {
        var path = Fixture.PathOf("parse/broken.prompt");
        var run = CliRun.Of("parse", path, "--text", "{}");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains($"{path}(", run.Stderr);
        Assert.Contains(": error PG", run.Stderr);
    }

    [Fact]
    public void The_verb_is_listed_in_the_general_help()
    {
        var run = CliRun.Of("--help");
        Assert.Contains("  parse ", run.Stdout);
    }
}
