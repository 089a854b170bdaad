using System;
using System.IO;
using System.Linq;
using PromptGen.Evals.Baselines;
using static PromptGen.Evals.Tests.TestData;

namespace PromptGen.Evals.Tests.Baselines;

public sealed class BaselineTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pg-baseline-" + Guid.NewGuid().ToString("N"));

    public BaselineTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Baseline Sample() =>
        BaselineBuilder.FromSuite(Suite(Case("zeta", "PPF", passed: true, passWhen: "majority"), Case("alpha", "PPP"), Case("mid", "F")));

    [Fact]
    public void Path_sits_next_to_the_eval_file()
    {
        Assert.Equal("Prompts/TriageTicket.eval.baseline.json", BaselinePaths.ForEvalFile("Prompts/TriageTicket.eval.yaml"));
        Assert.Equal("x/A.eval.baseline.json", BaselinePaths.ForEvalFile("x/A.eval.yml"));
    }

    [Fact]
    public void Serialized_form_is_sorted_stable_and_ends_with_a_newline()
    {
        var text = BaselineSerializer.Serialize(Sample());
        Assert.EndsWith("}\n", text);
        Assert.DoesNotContain("\r", text);
        Assert.True(text.IndexOf("\"alpha\"", StringComparison.Ordinal) < text.IndexOf("\"mid\"", StringComparison.Ordinal));
        Assert.True(text.IndexOf("\"mid\"", StringComparison.Ordinal) < text.IndexOf("\"zeta\"", StringComparison.Ordinal));
        Assert.True(text.IndexOf("\"cases\"", StringComparison.Ordinal) < text.IndexOf("\"format\"", StringComparison.Ordinal));
        var zeta = text.Substring(text.IndexOf("\"zeta\"", StringComparison.Ordinal));
        Assert.True(zeta.IndexOf("\"assertions\"") < zeta.IndexOf("\"passed\"") && zeta.IndexOf("\"passedTrials\"") < zeta.IndexOf("\"trials\""));
        Assert.Contains("\"passedTrials\": 2", zeta);
        Assert.DoesNotContain("latency\":", text.Replace("latency under", string.Empty)); // no durations recorded
        Assert.StartsWith(
            "{\n  \"cases\": {\n    \"alpha\": {\n      \"assertions\": [\n        {\n          \"description\": \"category equals billing\",\n"
            + "          \"gating\": true,\n          \"kind\": \"equals\",\n          \"passed\": 3\n        },\n",
            text);
    }

    [Fact]
    public void Same_results_give_a_byte_identical_file()
    {
        var path = Path.Combine(_folder, "A.eval.baseline.json");
        Assert.True(BaselineStore.Write(path, Sample(), update: true));
        var first = File.ReadAllBytes(path);
        // Same results in a different case order.
        var reordered = BaselineBuilder.FromSuite(Suite(Case("alpha", "PPP"), Case("mid", "F"), Case("zeta", "PPF", passed: true, passWhen: "majority")));
        Assert.True(BaselineStore.Write(path, reordered, update: true));
        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.NotEqual(0xEF, first[0]); // no BOM
    }

    [Fact]
    public void Round_trips()
    {
        var path = Path.Combine(_folder, "A.eval.baseline.json");
        BaselineStore.Write(path, Sample(), update: true);
        var read = BaselineStore.TryRead(path)!;
        Assert.Equal(new[] { "alpha", "mid", "zeta" }, read.Cases.Keys.ToArray());
        var zeta = read.Cases["zeta"];
        Assert.Equal((3, 2, true), (zeta.Trials, zeta.PassedTrials, zeta.Passed));
        Assert.Equal(2, zeta.Assertions.Count);
        Assert.Equal(new BaselineAssertion("equals", "category equals billing", true, 2), zeta.Assertions[0]);
        Assert.Equal(new BaselineAssertion("latency", "latency under 4000 ms", false, 3), zeta.Assertions[1]);
        Assert.Equal("TriageTicket", read.Prompt);
        Assert.Equal(BaselineSerializer.Serialize(Sample()), BaselineSerializer.Serialize(read));
    }

    [Fact]
    public void Nothing_is_written_without_an_explicit_update()
    {
        var path = Path.Combine(_folder, "A.eval.baseline.json");
        Assert.False(BaselineStore.Write(path, Sample(), update: false));
        Assert.False(File.Exists(path));
        Assert.Null(BaselineStore.TryRead(path));
    }

    [Fact]
    public void Failed_write_leaves_the_old_file_intact_and_no_temp_file()
    {
        var path = Path.Combine(_folder, "A.eval.baseline.json");
        File.WriteAllText(path, "old contents\n");
        string? tempSeen = null;
        Assert.Throws<IOException>(() => BaselineStore.Write(path, Sample(), update: true, beforeReplace: temp =>
        {
            tempSeen = temp;
            Assert.Equal(_folder, Path.GetDirectoryName(temp)); // same folder, so the move is a rename
            Assert.Equal(BaselineSerializer.Serialize(Sample()), File.ReadAllText(temp)); // fully written before the move
            throw new IOException("disk full");
        }));
        Assert.Equal("old contents\n", File.ReadAllText(path));
        Assert.NotNull(tempSeen);
        Assert.False(File.Exists(tempSeen));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Errored_cases_keep_their_previous_entry()
    {
        var previous = BaselineBuilder.FromSuite(Suite(Case("a", "PPP"), Case("b", "PPP")));
        var next = BaselineBuilder.FromSuite(Suite(Case("a", "EEE"), Case("b", "FFF"), Case("c", "E")), previous);
        Assert.Equal(3, next.Cases["a"].PassedTrials);
        Assert.Equal(0, next.Cases["b"].PassedTrials);
        Assert.False(next.Cases.ContainsKey("c"));
    }

    [Theory]
    [InlineData("{\n  \"cases\": {,\n}", 2, "invalid JSON")]
    [InlineData("", 1, "empty")]
    [InlineData("[]", 1, "must be a JSON object")]
    [InlineData("{\n  \"format\": 1\n}", 1, "missing \"cases\"")]
    [InlineData("{\n  \"cases\": {},\n  \"format\": 2\n}", 3, "format 2 is not supported")]
    [InlineData("{\"format\": 1, \"cases\": {\n \"a\": {\"trials\": 2, \"passedTrials\": 1, \"passed\": true},\n \"a\": {}}}", 3, "duplicate key \"a\"")]
    [InlineData("{\"format\": 1, \"cases\": {\n \"a\": {\n  \"trials\": \"3\", \"passedTrials\": 1, \"passed\": true}}}", 3, "case 'a': trials must be an integer")]
    [InlineData("{\"format\": 1, \"cases\": {\n \"a\": {\"trials\": 2,\n \"passedTrials\": 5, \"passed\": true}}}", 3, "passedTrials must be between 0 and trials")]
    [InlineData("{\"format\": 1, \"cases\": {\n \"a\": {\"trials\": 2, \"passedTrials\": 1}}}", 2, "case 'a': missing \"passed\"")]
    [InlineData("{\"format\": 1, \"cases\": {\"a\": {\"trials\": 1.5, \"passedTrials\": 1, \"passed\": true}}}", 1, "must be an integer")]
    [InlineData("{\"format\": 1, \"cases\": {}} x", 1, "invalid JSON")]
    // Valid JSON that System.Text.Json cannot decode: found by a hand-written seed of the baseline fuzz target (it threw InvalidOperationException).
    [InlineData("{\"format\": 1, \"cases\": {\"a\": {\"trials\": 1, \"passedTrials\": 1, \"passed\": true,\n \"assertions\": [{\"kind\": \"k\", \"description\": \"\\ud800\", \"passed\": 1}]}}}", 2, "half of a surrogate pair")]
    [InlineData("{\"format\": 1, \"cases\": {\n \"\\udc00\": {}}}", 2, "half of a surrogate pair")]
    public void Malformed_files_give_clear_errors_with_a_line(string text, int line, string reason)
    {
        var ex = Assert.Throws<BaselineFormatException>(() => BaselineSerializer.Parse(text, "A.eval.baseline.json"));
        Assert.Equal(line, ex.Line);
        Assert.Contains(reason, ex.Problem);
        Assert.StartsWith($"A.eval.baseline.json({line},", ex.Message);
    }

    // Columns count characters, as editors do, not UTF-8 bytes (found by the baseline fuzz target: ü is two bytes, 東 three).
    [Theory]
    [InlineData("{\"prompt\": \"Zürich 東京\", \"format\": 1, \"cases\": 5}", "5")]
    [InlineData("{\"prompt\": \"Zürich 東京\" x}", "x")]
    [InlineData("{\"prompt\": \"東京\",\n \"format\": 1, \"cases\": {\"ü\": {\"trials\": 1, \"passedTrials\": 2, \"passed\": true}}}", "2")]
    public void Error_columns_count_characters(string text, string at)
    {
        var ex = Assert.Throws<BaselineFormatException>(() => BaselineSerializer.Parse(text, "x"));
        var lineStart = text.LastIndexOf('\n', text.IndexOf(at, StringComparison.Ordinal)) + 1;
        Assert.Equal(text.Take(lineStart).Count(c => c == '\n') + 1, ex.Line);
        Assert.Equal(text.IndexOf(at, StringComparison.Ordinal) - lineStart + 1, ex.Column);
    }

    [Fact]
    public void A_line_break_inside_a_string_is_located_on_its_line()
    {
        // The reader stops at the line break and reports a byte past the line's characters.
        var ex = Assert.Throws<BaselineFormatException>(() => BaselineSerializer.Parse("{\"prompt\": \"Zürich\n\"}", "x"));
        Assert.Equal(1, ex.Line);
        Assert.Equal("{\"prompt\": \"Zürich".Length + 1, ex.Column);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var text = "{\"format\":1,\"cases\":{\"a\":" + new string('[', 100000) + new string(']', 100000) + "}}";
        Assert.Throws<BaselineFormatException>(() => BaselineSerializer.Parse(text, "x"));
    }

    [Fact]
    public void Invalid_utf8_is_reported()
    {
        var path = Path.Combine(_folder, "bad.eval.baseline.json");
        File.WriteAllBytes(path, new byte[] { (byte)'{', 0xFF, (byte)'}' });
        var ex = Assert.Throws<BaselineFormatException>(() => BaselineStore.TryRead(path));
        Assert.Contains("UTF-8", ex.Problem);
    }
}
