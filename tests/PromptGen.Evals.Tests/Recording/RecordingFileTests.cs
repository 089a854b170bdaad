using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Evals.Recording;

namespace PromptGen.Evals.Tests.Recording;

public class RecordingFileTests
{
    [Theory]
    [InlineData("Prompts/Triage.eval.yaml", "Prompts/Triage.eval.recordings.json")]
    [InlineData("Triage.eval.yml", "Triage.eval.recordings.json")]
    public void The_recordings_file_sits_next_to_the_eval_file(string evalFile, string expected)
    {
        Assert.Equal(expected, RecordingStore.PathForEvalFile(evalFile));
    }

    [Fact]
    public async Task The_file_is_sorted_deterministic_and_uses_newline_line_ends()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("T.eval.yaml");
        async Task<string> Record(string[] order)
        {
            var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Record);
            var client = new RecordingChatClient(new StubChatClient(t => "re: " + t), store);
            foreach (var id in order)
            {
                using (RecordingContext.Enter(id, id.Length % 2))
                    await client.GetResponseAsync("ticket " + id);
            }
            store.Flush();
            return File.ReadAllText(RecordingStore.PathForEvalFile(evalFile));
        }

        var first = await Record(new[] { "zeta", "alpha", "mid" });
        File.Delete(RecordingStore.PathForEvalFile(evalFile));
        var second = await Record(new[] { "mid", "zeta", "alpha" });

        Assert.Equal(first, second);
        Assert.DoesNotContain("\r", first);
        Assert.EndsWith("}\n", first);
        Assert.True(first.IndexOf("\"alpha\"", StringComparison.Ordinal) < first.IndexOf("\"mid\"", StringComparison.Ordinal));
        Assert.True(first.IndexOf("\"mid\"", StringComparison.Ordinal) < first.IndexOf("\"zeta\"", StringComparison.Ordinal));
        Assert.Contains("\"request\": {", first);
        Assert.Contains("\"text\": \"re: ticket alpha\"", first);
        Assert.Contains("\"inputTokens\": 7", first);
        Assert.Contains("\"finishReason\": \"stop\"", first);
        Assert.Contains("\"modelId\": \"stub-model\"", first);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task Hand_written_responses_answer_by_case_with_a_note()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("Hand.eval.yaml");
        File.WriteAllText(RecordingStore.PathForEvalFile(evalFile), """
            {
              "note": "hand-written responses",
              "entries": [
                // any trial, any request of this case
                { "case": "refund", "kind": "chat", "response": { "text": "{\"category\":\"billing\"}" } },
                { "case": "refund", "trial": 1, "response": { "text": "trial one" } },
                { "case": "refund", "kind": "judge", "response": { "text": "PASS" }, },
              ]
            }
            """);
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Replay);
        var stub = new StubChatClient(_ => "never");

        Assert.Equal("hand-written responses", store.Note);
        using (RecordingContext.Enter("refund", 0))
        {
            Assert.Equal("{\"category\":\"billing\"}", (await new RecordingChatClient(stub, store).GetResponseAsync("anything")).Text);
            Assert.Equal("PASS", (await new RecordingChatClient(stub, store, RecordingKind.Judge).GetResponseAsync("rubric")).Text);
        }
        using (RecordingContext.Enter("refund", 1))
            Assert.Equal("trial one", (await new RecordingChatClient(stub, store).GetResponseAsync("anything")).Text);
        Assert.Equal(0, stub.Calls);
    }

    [Fact]
    public async Task A_hand_written_entry_with_a_request_and_trial_gets_its_key_computed()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("Hand.eval.yaml");
        var request = CanonicalRequest.ForChat(new[] { new ChatMessage(ChatRole.User, "hi") }, null);
        File.WriteAllText(RecordingStore.PathForEvalFile(evalFile),
            "{\"entries\":[{\"case\":\"c\",\"trial\":0,\"kind\":\"chat\",\"request\":" + request.ToJsonString() + ",\"response\":{\"text\":\"hello\"}}]}");
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Replay);
        var client = new RecordingChatClient(new StubChatClient(_ => "never"), store);

        using (RecordingContext.Enter("c", 0))
            Assert.Equal("hello", (await client.GetResponseAsync("hi")).Text);
        using (RecordingContext.Enter("c", 0))
            await Assert.ThrowsAsync<RecordingMissingException>(() => client.GetResponseAsync("bye"));
        Assert.Equal(CanonicalRequest.Key(RecordingKind.Chat, 0, request), Assert.Single(store.Entries).Key);
    }

    [Theory]
    [InlineData("{ \"entries\": [ ", 1)]
    [InlineData("[1, 2]", 1)]
    [InlineData("{\n  \"entries\": [\n    { \"trial\": 0, \"response\": {} }\n  ]\n}", 3)]
    [InlineData("{\n  \"entries\": [\n    { \"case\": \"a\", \"response\": {} },\n    { \"case\": \"b\", \"kind\": \"voice\", \"response\": {} }\n  ]\n}", 4)]
    [InlineData("{\n  \"entries\": [\n    { \"case\": \"a\", \"key\": \"nothex\", \"response\": {} }\n  ]\n}", 3)]
    [InlineData("{\n  \"entries\": [\n    { \"case\": \"a\" }\n  ]\n}", 3)]
    [InlineData("{\n  \"version\": 2, \"entries\": [] }", 1)]
    // Valid JSON that System.Text.Json cannot decode: found by hand-written seeds of the recording fuzz target (it threw InvalidOperationException).
    [InlineData("{\n  \"note\": \"\\ud83d\", \"entries\": [] }", 1)]
    [InlineData("{\n  \"\\ud800entries\": [] }", 1)] // found by the recording fuzz target: every lookup in that object threw
    [InlineData("{\n  \"entries\": [\n    { \"\\udc00\": 1, \"case\": \"a\", \"response\": {} }\n  ]\n}", 3)]
    [InlineData("{\n  \"entries\": [\n    { \"case\": \"\\ud800x\", \"response\": {} }\n  ]\n}", 3)]
    [InlineData("{\n  \"entries\": [\n    { \"case\": \"a\", \"response\": { \"text\": \"\\udc00\" } }\n  ]\n}", 3)]
    public void A_malformed_file_is_a_located_format_error(string text, int line)
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("Bad.eval.yaml");
        File.WriteAllText(RecordingStore.PathForEvalFile(evalFile), text);

        var error = Assert.Throws<RecordingFormatException>(() => RecordingStore.ForEvalFile(evalFile, EvalMode.Replay));

        Assert.Equal(line, error.Line);
        Assert.True(error.Column >= 1);
        Assert.Contains("Bad.eval.recordings.json(" + line + ",", error.Message);
    }

    [Theory]
    [InlineData("{ \"note\": \"東京 Zürich\", \"entries\": [ { \"case\": \"a\" } ] }", "{ \"case")]
    [InlineData("{ \"note\": \"東京 Zürich\", \"entries\": [ , ] }", ", ]")]
    public void Error_columns_count_characters_not_bytes(string text, string at)
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("Bad.eval.yaml");
        File.WriteAllText(RecordingStore.PathForEvalFile(evalFile), text);

        var error = Assert.Throws<RecordingFormatException>(() => RecordingStore.ForEvalFile(evalFile, EvalMode.Replay));

        Assert.Equal(1, error.Line);
        Assert.Equal(text.IndexOf(at, StringComparison.Ordinal) + 1, error.Column);
    }

    [Fact]
    public void Invalid_json_is_reported_once_with_its_position_and_the_parser_message_without_its_own()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("Bad.eval.yaml");
        File.WriteAllText(RecordingStore.PathForEvalFile(evalFile), "{\n  \"entries\": [,]\n}");

        var error = Assert.Throws<RecordingFormatException>(() => RecordingStore.ForEvalFile(evalFile, EvalMode.Replay));

        Assert.Equal(2, error.Line);
        Assert.StartsWith("not valid JSON: ", error.Problem);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Fact]
    public async Task Concurrent_recording_is_safe_and_every_call_is_written()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("Many.eval.yaml");
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Auto);
        var client = new RecordingChatClient(new StubChatClient(t => "answer " + t), store);

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            using (RecordingContext.Enter("case-" + (i % 8), i / 8))
                await client.GetResponseAsync("question " + i);
        })));
        var flushes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.FlushAsync()));

        Assert.Equal(1, flushes.Count(written => written));
        var reloaded = RecordingStore.ForEvalFile(evalFile, EvalMode.Replay).Entries;
        Assert.Equal(64, reloaded.Count);
        Assert.Equal(64, reloaded.Select(e => e.Key).Distinct().Count());
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task Nothing_is_written_before_a_flush()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("Lazy.eval.yaml");
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Auto);
        using (RecordingContext.Enter("c", 0))
            await new RecordingChatClient(new StubChatClient(_ => "x"), store).GetResponseAsync("q");

        Assert.True(store.HasChanges);
        Assert.False(File.Exists(RecordingStore.PathForEvalFile(evalFile)));
        Assert.True(store.Flush());
        Assert.True(File.Exists(RecordingStore.PathForEvalFile(evalFile)));
    }
}
