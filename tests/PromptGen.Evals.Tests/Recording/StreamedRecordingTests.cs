using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Evals.Recording;
using PromptGen.Security;

namespace PromptGen.Evals.Tests.Recording;

/// <summary>Streamed answers are recorded with their chunks and replayed chunk by chunk, offline.</summary>
public sealed class StreamedRecordingTests
{
    [Fact]
    public async Task A_streamed_answer_is_recorded_with_its_chunks_and_replayed_chunk_by_chunk()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("S.eval.yaml");
        var live = new ChunkStreamingClient("{\"a\":", " \"b\"", "", "}");
        var recordStore = RecordingStore.ForEvalFile(evalFile, EvalMode.Record);
        using (RecordingContext.Enter("case-1", 0))
            Assert.Equal(new[] { "{\"a\":", " \"b\"", "}" }, await TextsAsync(new RecordingChatClient(live, recordStore).GetStreamingResponseAsync("hi")));
        recordStore.Flush();
        var file = File.ReadAllText(RecordingStore.PathForEvalFile(evalFile));

        Assert.Contains("\"chunks\": [", file);
        Assert.Contains("\"text\": \"{\\\"a\\\": \\\"b\\\"}\"", file);

        var replayStore = RecordingStore.ForEvalFile(evalFile, EvalMode.Replay);
        var offline = new ChunkStreamingClient();
        var updates = new List<ChatResponseUpdate>();
        using (RecordingContext.Enter("case-1", 0))
        {
            await foreach (var update in new RecordingChatClient(offline, replayStore).GetStreamingResponseAsync("hi"))
                updates.Add(update);
        }

        Assert.Equal(new[] { "{\"a\":", " \"b\"", "}" }, updates.Select(u => u.Text).Where(t => t.Length > 0));
        var response = updates.ToChatResponse();
        Assert.Equal("{\"a\": \"b\"}", response.Text);
        Assert.Equal(12, response.Usage?.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(0, offline.Calls);
    }

    [Fact]
    public async Task A_whole_call_replays_a_streamed_recording_as_one_text()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("S.eval.yaml");
        WriteRecordings(evalFile, """{ "case": "c", "response": { "chunks": ["Hel", "lo"] } }""");
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Replay);

        using (RecordingContext.Enter("c", 0))
            Assert.Equal("Hello", (await new RecordingChatClient(new ChunkStreamingClient(), store).GetResponseAsync("x")).Text);
    }

    [Fact]
    public async Task Hand_written_chunks_without_text_replay_as_a_stream()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("S.eval.yaml");
        WriteRecordings(evalFile, """{ "case": "c", "response": { "chunks": ["Dear ", "Ada", ","] } }""");
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Replay);

        using (RecordingContext.Enter("c", 0))
            Assert.Equal(new[] { "Dear ", "Ada", "," }, await TextsAsync(new RecordingChatClient(new ChunkStreamingClient(), store).GetStreamingResponseAsync("x")));
    }

    [Fact]
    public void Chunks_that_do_not_join_to_the_text_are_a_format_error_with_a_location()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("S.eval.yaml");
        WriteRecordings(evalFile, """{ "case": "c", "response": { "text": "Hello", "chunks": ["Hel", "p"] } }""");

        var error = Assert.Throws<RecordingFormatException>(() => RecordingStore.ForEvalFile(evalFile, EvalMode.Replay));
        Assert.Contains("joined must equal", error.Message);
        Assert.Contains("(3,", error.Message);
    }

    [Fact]
    public async Task A_secret_split_across_chunks_never_reaches_the_file()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("S.eval.yaml");
        const string secret = "sk-live-0123456789abcdefXYZ";
        var scrubber = new SecretScrubber();
        scrubber.AddSecret(secret);
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Record, scrubber);
        using (RecordingContext.Enter("c", 0))
            await TextsAsync(new RecordingChatClient(new ChunkStreamingClient("key: sk-live-0123", "456789abcdefXYZ done"), store).GetStreamingResponseAsync("x"));
        store.Flush();
        var file = File.ReadAllText(RecordingStore.PathForEvalFile(evalFile));

        Assert.DoesNotContain("0123456789", file);
        Assert.DoesNotContain("456789abcdef", file);
        Assert.DoesNotContain("sk-live-0123\"", file);
    }

    private static void WriteRecordings(string evalFile, string entry) =>
        File.WriteAllText(RecordingStore.PathForEvalFile(evalFile), "{\n  \"entries\": [\n    " + entry + "\n  ]\n}\n");

    private static async Task<List<string>> TextsAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var texts = new List<string>();
        await foreach (var update in updates)
        {
            if (update.Text.Length > 0) texts.Add(update.Text);
        }

        return texts;
    }

    /// <summary>Streams hand-written chunks, then a final update with usage and the finish reason.</summary>
    private sealed class ChunkStreamingClient : IChatClient
    {
        private readonly string[] _chunks;

        public ChunkStreamingClient(params string[] chunks) => _chunks = chunks;

        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("streamed only");

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Calls++;
            foreach (var chunk in _chunks)
            {
                await Task.Yield();
                yield return new ChatResponseUpdate(ChatRole.Assistant, chunk) { MessageId = "m1", ModelId = "stream-model" };
            }

            yield return new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                MessageId = "m1",
                FinishReason = ChatFinishReason.Stop,
                Contents = { new UsageContent(new UsageDetails { InputTokenCount = 5, OutputTokenCount = 7, TotalTokenCount = 12 }) },
            };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
