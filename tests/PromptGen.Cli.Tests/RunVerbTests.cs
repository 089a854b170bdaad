using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Tasks;
using PromptGen.Evals.Tests.Providers;

namespace PromptGen.Cli.Tests;

/// <summary>
/// <c>promptgen run</c> against a real compiled consumer (its generated catalog) and a local OpenAI-compatible server
/// that streams server-sent events. The model answers are hand-written.
/// </summary>
public sealed class RunVerbTests : IDisposable
{
    private const string Answer = "{\"category\": \"billing\", \"confidence\": 0.9}";
    private readonly string _project = Path.Combine(Path.GetTempPath(), "promptgen-cli-run-" + Guid.NewGuid().ToString("N"));

    public RunVerbTests()
    {
        Directory.CreateDirectory(Path.Combine(_project, "Prompts"));
        File.Copy(Path.Combine(ConsumerDirectory(), "Prompts", "ClassifyTicket.prompt"), PromptPath);
    }

    private string PromptPath => Path.Combine(_project, "Prompts", "ClassifyTicket.prompt");

    private string EvalPath => Path.Combine(_project, "Prompts", "ClassifyTicket.eval.yaml");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_project, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static FakeOpenAIServer StreamingServer(string answer) =>
        FakeOpenAIServer.Start(request => FakeOpenAIStreams.IsStreamRequest(request)
            ? FakeOpenAIStreams.ChatStream(FakeOpenAIStreams.Split(answer, 4), promptTokens: 30, completionTokens: 12)
            : FakeOpenAIServer.Chat("not streamed"));

    private CliRun Run(FakeOpenAIServer server, params string[] extra) =>
        CliRun.Of(new[] { "run", PromptPath, "--assembly", ConsumerAssembly(), "--endpoint", server.Endpoint, "--model", "test-model" }.Concat(extra).ToArray());

    [Fact]
    public async Task Streams_the_answer_then_prints_the_typed_result_repairs_and_usage()
    {
        await using var server = StreamingServer("Sure: " + Answer);

        var run = Run(server, "--input", "{\"ticket\": \"I was charged twice\"}");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Sure: " + Answer, run.Stderr);
        using var result = JsonDocument.Parse(run.Stdout);
        var root = result.RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal("billing", root.GetProperty("value").GetProperty("category").GetString());
        Assert.Equal(0.9, root.GetProperty("value").GetProperty("confidence").GetDouble());
        Assert.Equal("StrippedProse", root.GetProperty("repairs")[0].GetProperty("kind").GetString());
        Assert.Equal(42, root.GetProperty("usage").GetProperty("totalTokens").GetInt32());
        Assert.Equal(1, root.GetProperty("attempts").GetInt32());
        var request = Assert.Single(server.Requests);
        Assert.Contains("I was charged twice", request.Body);
        Assert.Contains("\"stream\":true", request.Body.Replace(" ", ""));
    }

    [Fact]
    public async Task A_credential_in_the_answer_is_scrubbed_from_the_stream_and_the_result()
    {
        // A fake key, assembled at run time so that secret scanners do not flag the test source.
        var fakeKey = "sk" + "-proj-abcdefghijklmnopqrstuvwx1234567890";
        await using var server = StreamingServer("My key is " + fakeKey + ", use it well. " + Answer);

        var run = Run(server, "--input", "{\"ticket\": \"hello\"}");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(fakeKey.Substring(0, 12), run.ToString());
        Assert.Contains("My key is [REDACTED], use it well. " + Answer, run.Stderr);
        using var result = JsonDocument.Parse(run.Stdout);
        Assert.Equal("billing", result.RootElement.GetProperty("value").GetProperty("category").GetString());
    }

    [Fact]
    public async Task An_unparseable_answer_exits_1_with_the_error()
    {
        await using var server = StreamingServer("I cannot help with that.");

        var run = Run(server, "--input", "{\"ticket\": \"hello\"}");

        Assert.Equal(1, run.ExitCode);
        using var result = JsonDocument.Parse(run.Stdout);
        Assert.False(result.RootElement.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Save_case_appends_the_input_keeping_comments_and_order_and_records_the_streamed_answer()
    {
        File.WriteAllText(EvalPath, """
            # Cases for the classifier.
            cases:
              - id: refund   # the classic
                input: { ticket: "Please refund order 1182" }
                assert:
                  - { path: category, equals: billing }

            gate: { min-pass-rate: 0.9 }
            """);
        await using var server = StreamingServer(Answer);

        // A fake key, assembled at run time so that secret scanners do not flag the test source.
        var fakeKey = "sk" + "-abcdefghijklmnopqrstuvwx1234";
        var run = Run(server, "--input", "{\"ticket\": \"Charged twice, " + fakeKey + "\"}", "--save-case", "double-charge");

        Assert.True(run.ExitCode == 0, run.ToString());
        var eval = File.ReadAllText(EvalPath);
        Assert.StartsWith("# Cases for the classifier.\ncases:\n  - id: refund   # the classic\n", eval);
        Assert.Contains("      - { path: category, equals: billing }\n  - id: \"double-charge\"\n    input: { \"ticket\": ", eval);
        Assert.EndsWith("\ngate: { min-pass-rate: 0.9 }", eval); // the file's last line stays as written, without a line break
        var recordings = File.ReadAllText(Path.Combine(_project, "Prompts", "ClassifyTicket.eval.recordings.json"));
        Assert.Contains("\"case\": \"double-charge\"", recordings);
        Assert.Contains("\"chunks\": [", recordings);
        Assert.DoesNotContain(fakeKey, recordings);

        // The saved case replays offline through `promptgen eval`.
        var replay = CliRun.Of("eval", _project, "--assembly", ConsumerAssembly(), "--mode", "replay", "--no-progress", "--filter", "double-charge");
        Assert.True(replay.ExitCode == 0, replay.ToString());
    }

    [Fact]
    public async Task Save_case_refuses_an_id_the_eval_file_already_has()
    {
        File.WriteAllText(EvalPath, "cases:\n  - id: refund\n    input: { ticket: \"x\" }\n");
        await using var server = StreamingServer(Answer);

        var run = Run(server, "--input", "{\"ticket\": \"y\"}", "--save-case", "refund");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("already has a case 'refund'", run.Stderr);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task Save_case_creates_the_eval_file_when_missing()
    {
        await using var server = StreamingServer(Answer);

        var run = Run(server, "--input", "{\"ticket\": \"y\"}", "--save-case", "first");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("prompt: ClassifyTicket.prompt\ncases:\n  - id: \"first\"\n    input: { \"ticket\": \"y\" }\n    assert:\n      - schema-valid", File.ReadAllText(EvalPath));
    }

    [Fact]
    public async Task Save_case_writes_the_case_as_cases_import_does_where_the_yaml_reader_says_the_cases_end()
    {
        // A quoted key and CRLF line endings: the line-based writer this replaced added a second `cases:` key and
        // rewrote every line ending. A line separator in the input broke the YAML.
        File.WriteAllText(EvalPath, "\"cases\":\r\n  - id: refund\r\n    input: { ticket: \"x\" }\r\n    assert:\r\n      - schema-valid\r\n\r\n# end\r\n");
        await using var server = StreamingServer(Answer);

        var run = Run(server, "--input", "{\"ticket\": \"one\u2028two\"}", "--save-case", "separator");

        Assert.True(run.ExitCode == 0, run.ToString());
        var eval = File.ReadAllText(EvalPath);
        Assert.StartsWith("\"cases\":\r\n  - id: refund\r\n", eval);
        Assert.Contains("      - schema-valid\r\n  - id: \"separator\"\r\n    input: { \"ticket\": \"one\\u2028two\" }\r\n", eval);
        Assert.EndsWith("\r\n\r\n# end\r\n", eval);
        Assert.DoesNotContain("\u2028", eval);
        Assert.Equal(eval.Split("\r\n").Length - 1, eval.Count(c => c == '\n'));
        var replay = CliRun.Of("eval", _project, "--assembly", ConsumerAssembly(), "--mode", "replay", "--no-progress", "--filter", "separator");
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains("1 of 1 judged cases passed", replay.Stdout);
    }

    [Theory]
    [InlineData("cases: [ { id: refund, input: { ticket: x } } ]\n", "the eval file writes 'cases:' as a flow sequence")]
    [InlineData("cases:\n  - id: refund\n    input: { ticket: \"x }\n", "Invalid YAML")]
    public async Task Save_case_refuses_an_eval_file_it_cannot_add_to_before_calling_the_model(string evalText, string message)
    {
        File.WriteAllText(EvalPath, evalText);
        await using var server = StreamingServer(Answer);

        var run = Run(server, "--input", "{\"ticket\": \"y\"}", "--save-case", "new-one");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"cannot add a case to '{EvalPath}'", run.Stderr);
        Assert.Contains(message, run.Stderr);
        Assert.Equal(0, server.RequestCount);
        Assert.Equal(evalText, File.ReadAllText(EvalPath));
    }

    [Fact]
    public void A_prompt_with_errors_is_reported_and_not_run()
    {
        File.WriteAllText(PromptPath, "---\ninput:\n  schema:\n    ticket: string\n---\n{{tickt}}\n");

        var run = CliRun.Of("run", PromptPath, "--assembly", ConsumerAssembly(), "--endpoint", "http://127.0.0.1:9/v1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("PG0203", run.Stderr);
    }

    private static string ConsumerDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "PromptGen.Consumer.Tests"));

    private static string ConsumerAssembly()
    {
        var configuration = typeof(RunVerbTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "PromptGen.BuildConfiguration").Value!;
        return Path.Combine(ConsumerDirectory(), "bin", configuration, "net10.0", "PromptGen.Consumer.Tests.dll");
    }
}
