using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PromptGen.Cli.Tests;

/// <summary>
/// <c>promptgen cases import</c>: captured calls (hand-written capture lines in the format PromptGen.Capture writes)
/// become cases of the prompt's eval file with their answers as recordings, which <c>promptgen eval --mode replay</c>
/// then runs against the compiled consumer's generated code.
/// </summary>
public sealed class CasesImportTests : IDisposable
{
    private const string EvalFile = """
        # Cases of ClassifyTicket.prompt. Hand-written ones first.
        cases:
          - id: refund # the first case
            input: { ticket: "Please refund order 1182" }
            assert:
              - { path: category, equals: billing }

        # The gate comes last.
        gate: { min-pass-rate: 0.9 }
        """;

    // Hand-written capture records (the model answers in them are hand-written too).
    private static readonly string[] Captured =
    {
        """{"type":"call","callId":"aaaa1111bbbb2222cccc3333dddd4444","time":"2026-12-05T07:00:00.000Z","prompt":"classify_ticket","version":"0123456789ab","ok":true,"input":{"ticket":"My card was charged twice"},"output":"{\"category\":\"billing\",\"confidence\":0.9}","value":{"category":"billing","confidence":0.9},"repairs":[],"attempts":1,"latencyMs":120.5,"usage":{"inputTokens":40,"outputTokens":9,"totalTokens":49},"model":"gpt-4o-mini-2024-07-18"}""",
        """{"type":"call","callId":"eeee5555ffff6666aaaa7777bbbb8888","time":"2026-12-05T07:01:00.000Z","prompt":"classify_ticket","version":"0123456789ab","ok":true,"input":{"ticket":"The app crashes on export"},"output":"Sure! {\"category\": \"technical\", \"confidence\": 0.8,}","value":{"category":"technical","confidence":0.8},"repairs":[{"kind":"TrailingComma","path":"$","message":"removed a trailing comma"}],"attempts":1,"latencyMs":98.1,"model":"gpt-4o-mini-2024-07-18"}""",
        """{"type":"feedback","callId":"eeee5555ffff6666aaaa7777bbbb8888","time":"2026-12-05T07:02:00.000Z","score":0,"comment":"It was a billing question"}""",
        """{"type":"call","callId":"9999aaaa","time":"2026-12-05T07:03:00.000Z","prompt":"other_prompt","version":"x","ok":true,"input":{"text":"not this prompt"},"output":"x"}""",
    };

    private readonly string _project = Path.Combine(Path.GetTempPath(), "promptgen-cli-cases-" + Guid.NewGuid().ToString("N"));

    public CasesImportTests()
    {
        Directory.CreateDirectory(Path.Combine(_project, "Prompts"));
        File.Copy(Path.Combine(ConsumerDirectory(), "Prompts", "ClassifyTicket.prompt"), Path.Combine(_project, "Prompts", "ClassifyTicket.prompt"));
        File.WriteAllText(EvalPath, EvalFile);
        File.WriteAllText(RecordingsPath, """{ "entries": [ { "case": "refund", "response": { "text": "{\"category\":\"billing\",\"confidence\":1}" } } ] }""");
    }

    private string EvalPath => Path.Combine(_project, "Prompts", "ClassifyTicket.eval.yaml");

    private string RecordingsPath => Path.Combine(_project, "Prompts", "ClassifyTicket.eval.recordings.json");

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

    [Fact]
    public void Imported_cases_keep_the_file_replay_their_captured_answers_and_a_second_import_adds_nothing()
    {
        var captures = WriteCaptures(Captured);

        var run = Import(captures);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Imported 2 case(s)", run.Stdout, StringComparison.Ordinal);
        var text = File.ReadAllText(EvalPath);
        Assert.StartsWith("# Cases of ClassifyTicket.prompt. Hand-written ones first.\ncases:\n  - id: refund # the first case\n", text, StringComparison.Ordinal);
        // The file had no line break after its last line, and still has none.
        Assert.EndsWith("\n\n# The gate comes last.\ngate: { min-pass-rate: 0.9 }", text, StringComparison.Ordinal);
        // Negative feedback first, whatever the file order.
        Assert.True(text.IndexOf("captured-eeee5555", StringComparison.Ordinal) < text.IndexOf("captured-aaaa1111", StringComparison.Ordinal));
        Assert.Contains("# feedback: score 0: It was a billing question", text, StringComparison.Ordinal);
        Assert.Contains("{ path: \"category\", equals: \"billing\" }", text, StringComparison.Ordinal);
        Assert.Contains("# REVIEW", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not this prompt", text, StringComparison.Ordinal);
        using (var recordings = JsonDocument.Parse(File.ReadAllText(RecordingsPath)))
        {
            var cases = recordings.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("case").GetString()).ToList();
            Assert.Equal(new[] { "captured-aaaa1111", "captured-eeee5555", "refund" }, cases);
        }

        var eval = CliRun.Of("eval", _project, "--assembly", ConsumerAssembly(), "--mode", "replay", "--no-progress");
        Assert.True(eval.ExitCode == 0, eval.ToString());

        var evalBefore = File.ReadAllText(EvalPath);
        var recordingsBefore = File.ReadAllText(RecordingsPath);
        var again = Import(captures);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Imported 0 case(s)", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 already covered", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(evalBefore, File.ReadAllText(EvalPath));
        Assert.Equal(recordingsBefore, File.ReadAllText(RecordingsPath));
    }

    [Fact]
    public void An_input_that_no_longer_fits_the_schema_is_PG0502_at_its_capture_line_and_is_not_imported()
    {
        var captures = WriteCaptures(
            Captured[0],
            """{"type":"call","callId":"1234abcd","prompt":"classify_ticket","version":"old","ok":true,"input":{"message":"renamed field"},"output":"{\"category\":\"other\",\"confidence\":0.5}"}""");

        var run = Import(captures);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{captures}(2,1): error PG0502:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("'message'", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Imported 1 case(s)", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("renamed field", File.ReadAllText(EvalPath), StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_with_a_string_that_does_not_decode_is_skipped_with_a_warning()
    {
        // "\ud800" is valid JSON but not text: reading it threw InvalidOperationException and stopped the import.
        var captures = WriteCaptures(
            """{"type":"call","callId":"ffff0000","prompt":"classify_ticket","version":"x","ok":true,"input":{"ticket":"Hi"},"output":"\ud800"}""",
            Captured[0]);

        var run = Import(captures);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("(1,1): warning: a string escapes half of a surrogate pair", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("captured-aaaa1111", File.ReadAllText(EvalPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Where_and_take_choose_the_calls_and_a_torn_last_line_is_skipped_with_a_warning()
    {
        var captures = WriteCaptures(Captured.Append("""{"type":"call","callId":"torn""").ToArray());

        var run = Import(captures, "--where", "value.category=billing", "--take", "1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("(5,1): warning: not a whole JSON record", run.Stderr, StringComparison.Ordinal);
        var text = File.ReadAllText(EvalPath);
        Assert.Contains("captured-aaaa1111", text, StringComparison.Ordinal);
        Assert.DoesNotContain("captured-eeee5555", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_call_whose_answer_did_not_parse_is_imported_with_the_assertion_every_good_answer_meets()
    {
        // The calls `--where ok=false` selects: the answer did not parse, so there is no value to propose assertions from.
        var captures = WriteCaptures(
            """{"type":"call","callId":"0bad0bad","prompt":"classify_ticket","version":"v1","ok":false,"input":{"ticket":"Where is my parcel?"},"output":"I think this is about shipping."}""");

        var run = Import(captures, "--where", "ok=false");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Imported 1 case(s)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  - id: captured-0bad0bad\n    input: { \"ticket\": \"Where is my parcel?\" }\n    # REVIEW", File.ReadAllText(EvalPath), StringComparison.Ordinal);
        Assert.Contains("    assert:\n      - { schema-valid: true }\n", File.ReadAllText(EvalPath), StringComparison.Ordinal);

        // The captured answer fails it on replay (the hand-written case passes it): a known bad case until the prompt is fixed.
        var eval = CliRun.Of("eval", _project, "--assembly", ConsumerAssembly(), "--mode", "replay", "--no-progress");
        Assert.True(eval.ExitCode == 1, eval.ToString());
        Assert.Contains("1 of 2 judged cases passed", eval.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_call_of_a_text_prompt_is_imported_asserting_a_non_blank_answer_which_its_captured_answer_meets()
    {
        File.Copy(Path.Combine(ConsumerDirectory(), "Prompts", "Greet.prompt"), Path.Combine(_project, "Prompts", "Greet.prompt"));
        var captures = WriteCaptures(
            """{"type":"call","callId":"6eee6eee","prompt":"Greet","version":"v1","ok":true,"input":{"name":"Ada","closing":"Bye"},"output":"Hello Ada!","value":"Hello Ada!"}""");

        var run = Import(captures, "--prompt", "Greet");

        Assert.True(run.ExitCode == 0, run.ToString());
        var greetEval = Path.Combine(_project, "Prompts", "Greet.eval.yaml");
        Assert.EndsWith("    assert:\n      - { regex: \"\\\\S\" }\n", File.ReadAllText(greetEval), StringComparison.Ordinal);
        var eval = CliRun.Of("eval", greetEval, "--assembly", ConsumerAssembly(), "--mode", "replay", "--no-progress");
        Assert.True(eval.ExitCode == 0, eval.ToString());
        Assert.Contains("1 of 1 judged cases passed", eval.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_cases_key_and_an_input_with_line_separators_read_back_as_they_were()
    {
        File.WriteAllText(EvalPath, EvalFile.Replace("\ncases:\n", "\n\"cases\":\n", StringComparison.Ordinal));
        var captures = WriteCaptures(
            """{"type":"call","callId":"5e9a5e9a","prompt":"classify_ticket","version":"v1","ok":true,"input":{"ticket":"line\u2028separator, paragraph\u2029separator, next line\u0085, DEL\u007f"},"output":"{\"category\":\"other\",\"confidence\":0.5}","value":{"category":"other","confidence":0.5}}""");

        var run = Import(captures);

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = File.ReadAllText(EvalPath);
        Assert.Contains("\"ticket\": \"line\\u2028separator, paragraph\\u2029separator, next line\\u0085, DEL\\u007f\"", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split('\n').Count(l => l.Contains("cases", StringComparison.Ordinal) && !l.StartsWith("#", StringComparison.Ordinal)));
        var check = CliRun.Of("check", _project);
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public void An_eval_file_that_is_not_valid_YAML_is_left_as_it_is_and_its_errors_are_shown()
    {
        var broken = EvalFile.Replace("{ path: category, equals: billing }", "{ path: category, equals: billing", StringComparison.Ordinal);
        File.WriteAllText(EvalPath, broken);
        var recordings = File.ReadAllText(RecordingsPath);

        var run = Import(WriteCaptures(Captured));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"{EvalPath}(", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("error PG0001: Invalid YAML in eval file", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported:", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(broken, File.ReadAllText(EvalPath));
        Assert.Equal(recordings, File.ReadAllText(RecordingsPath));
    }

    [Fact]
    public void An_unknown_prompt_names_the_prompts_there_are()
    {
        var run = Import(WriteCaptures(Captured), "--prompt", "classify");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no prompt named 'classify'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("classify_ticket", run.Stderr, StringComparison.Ordinal);
    }

    private CliRun Import(string captures, params string[] extra)
    {
        var args = new[] { "cases", "import", captures, "--project", _project }.Concat(extra).ToList();
        if (!extra.Contains("--prompt")) args.AddRange(new[] { "--prompt", "classify_ticket" });
        return CliRun.Of(args.ToArray());
    }

    private string WriteCaptures(params string[] lines)
    {
        var path = Path.Combine(_project, "captures", "calls.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static string ConsumerDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "PromptGen.Consumer.Tests"));

    private static string ConsumerAssembly()
    {
        var configuration = typeof(CasesImportTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "PromptGen.BuildConfiguration").Value!;
        return Path.Combine(ConsumerDirectory(), "bin", configuration, "net10.0", "PromptGen.Consumer.Tests.dll");
    }
}
