using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;

namespace PromptGen.Evals.Tests.Recording;

public class RecordingModeTests
{
    private static ChatMessage[] Prompt(string ticket) => new[]
    {
        new ChatMessage(ChatRole.System, "Classify the support ticket into billing, bug or other. Answer with one word."),
        new ChatMessage(ChatRole.User, "Ticket: " + ticket),
    };

    private static async Task<string> Ask(IChatClient client, string caseId, int trial, string ticket, ChatOptions? options = null)
    {
        using (RecordingContext.Enter(caseId, trial))
            return (await client.GetResponseAsync(Prompt(ticket), options)).Text;
    }

    private static async Task<string> RecordOne(TempFolder folder, string caseId = "double-charge", string ticket = "I was charged twice for order 1182")
    {
        var evalFile = folder.File("Triage.eval.yaml");
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Auto);
        var stub = new StubChatClient(text => "billing");
        await Ask(new RecordingChatClient(stub, store), caseId, 0, ticket, new ChatOptions { Temperature = 0 });
        Assert.True(store.Flush());
        return evalFile;
    }

    [Fact]
    public async Task Auto_records_what_is_missing_and_replays_what_is_recorded()
    {
        using var folder = new TempFolder();
        var store = RecordingStore.ForEvalFile(folder.File("Triage.eval.yaml"), EvalMode.Auto);
        var stub = new StubChatClient(text => "answer to " + text);
        var client = new RecordingChatClient(stub, store);

        Assert.Equal("answer to Ticket: a", await Ask(client, "c1", 0, "a"));
        Assert.Equal("answer to Ticket: a", await Ask(client, "c1", 0, "a"));
        Assert.Equal(1, stub.Calls);
        await Ask(client, "c1", 1, "a");
        Assert.Equal(2, stub.Calls);
        Assert.Equal(2, store.Entries.Count);
    }

    [Fact]
    public async Task Record_then_replay_offline_against_the_real_provider_path()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("Triage.eval.yaml");
        string endpoint;
        await using (var server = FakeOpenAIServerFactory.Chat("billing"))
        {
            endpoint = server.Endpoint;
            var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Record);
            using var policy = new EvalCallPolicy();
            using var clients = EvalModelClients.Create(new EvalProviderOptions { Endpoint = endpoint, Model = "test-model" }, store, policy);
            Assert.Equal("billing", await Ask(clients.App, "double-charge", 0, "charged twice", new ChatOptions { Temperature = 0 }));
            Assert.True(store.Flush());
        }

        // The server is gone: replay must answer from the file alone, even with a provider configured.
        var replayStore = RecordingStore.ForEvalFile(evalFile, EvalMode.Replay);
        using var replayPolicy = new EvalCallPolicy();
        using var replay = EvalModelClients.Create(new EvalProviderOptions { Endpoint = endpoint, Model = "test-model" }, replayStore, replayPolicy);
        using (RecordingContext.Enter("double-charge", 0))
        {
            var response = await replay.App.GetResponseAsync(Prompt("charged twice"), new ChatOptions { Temperature = 0 });
            Assert.Equal("billing", response.Text);
            Assert.Equal(true, response.AdditionalProperties?[RecordingChatClient.ReplayedProperty]);
            Assert.Equal(15, response.Usage?.TotalTokenCount);
            Assert.Equal("stop", response.FinishReason?.Value);
        }
        Assert.False(replayStore.Flush());
    }

    [Fact]
    public async Task A_changed_prompt_in_replay_is_a_PG1003_error_that_shows_what_changed()
    {
        using var folder = new TempFolder();
        var evalFile = await RecordOne(folder);
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Replay);
        var stub = new StubChatClient(_ => "never");
        var client = new RecordingChatClient(stub, store);

        var error = await Assert.ThrowsAsync<RecordingMissingException>(() =>
            Ask(client, "double-charge", 0, "I was charged twice for order 1183", new ChatOptions { Temperature = 0.7f }));

        Assert.Equal(0, stub.Calls);
        Assert.Equal("PG1003", error.DiagnosticId);
        Assert.Equal("double-charge", error.CaseId);
        Assert.Contains("case 'double-charge'", error.Message);
        Assert.Contains("~ messages[1].parts[0].text", error.Message);
        Assert.Contains("recorded: \"Ticket: I was charged twice for order 1182\"", error.Message);
        Assert.Contains("now:      \"Ticket: I was charged twice for order 1183\"", error.Message);
        Assert.Contains("~ options.temperature", error.Message);
        Assert.DoesNotContain("parts[0].text\n    recorded: \"Classify", error.Message);
        Assert.Contains("PROMPTGEN_EVAL_MODE=auto", error.Message);
    }

    [Fact]
    public async Task A_case_never_recorded_says_so()
    {
        using var folder = new TempFolder();
        var evalFile = await RecordOne(folder);
        var client = new RecordingChatClient(new StubChatClient(_ => "x"), RecordingStore.ForEvalFile(evalFile, EvalMode.Replay));

        var error = await Assert.ThrowsAsync<RecordingMissingException>(() => Ask(client, "brand-new", 0, "hello"));

        Assert.Null(error.Changes);
        Assert.Contains("no recordings at all", error.Message);
    }

    [Fact]
    public async Task Long_strings_are_cut_to_the_neighbourhood_of_the_change()
    {
        using var folder = new TempFolder();
        var longTicket = string.Concat(Enumerable.Repeat("padding words ", 40)) + "order 1182 " + string.Concat(Enumerable.Repeat("tail words ", 40));
        var evalFile = await RecordOne(folder, ticket: longTicket);
        var client = new RecordingChatClient(new StubChatClient(_ => "x"), RecordingStore.ForEvalFile(evalFile, EvalMode.Replay));

        var error = await Assert.ThrowsAsync<RecordingMissingException>(() =>
            Ask(client, "double-charge", 0, longTicket.Replace("1182", "1183"), new ChatOptions { Temperature = 0 }));

        Assert.Contains("order 1182", error.Changes);
        Assert.Contains("order 1183", error.Changes);
        Assert.Contains("…", error.Changes);
        Assert.True(error.Changes!.Length < 400, error.Changes);
    }

    [Fact]
    public async Task Off_mode_makes_no_calls()
    {
        using var folder = new TempFolder();
        var stub = new StubChatClient(_ => "x");
        var client = new RecordingChatClient(stub, RecordingStore.ForEvalFile(folder.File("A.eval.yaml"), EvalMode.Off));

        var error = await Assert.ThrowsAsync<EvalProviderException>(() => Ask(client, "c", 0, "t"));

        Assert.Equal(ProviderErrorKind.ModelCallsDisabled, error.Kind);
        Assert.Equal(0, stub.Calls);
    }

    [Fact]
    public async Task Live_mode_ignores_recordings_and_writes_nothing()
    {
        using var folder = new TempFolder();
        var evalFile = await RecordOne(folder);
        var before = File.ReadAllText(RecordingStore.PathForEvalFile(evalFile));
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Live);
        var stub = new StubChatClient(_ => "live answer");
        var client = new RecordingChatClient(stub, store);

        Assert.Equal("live answer", await Ask(client, "double-charge", 0, "I was charged twice for order 1182", new ChatOptions { Temperature = 0 }));
        Assert.Equal("live answer", await Ask(client, "other", 0, "new"));

        Assert.Equal(2, stub.Calls);
        Assert.False(store.Flush());
        Assert.Equal(before, File.ReadAllText(RecordingStore.PathForEvalFile(evalFile)));
    }

    [Fact]
    public async Task Replay_mode_never_writes()
    {
        using var folder = new TempFolder();
        var evalFile = await RecordOne(folder);
        var path = RecordingStore.PathForEvalFile(evalFile);
        var stamp = File.GetLastWriteTimeUtc(path);
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Replay);
        await Ask(new RecordingChatClient(new StubChatClient(_ => "x"), store), "double-charge", 0, "I was charged twice for order 1182", new ChatOptions { Temperature = 0 });

        Assert.False(store.Flush());
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task Record_mode_always_calls_overwrites_and_prunes_unused_entries()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("Triage.eval.yaml");
        var first = RecordingStore.ForEvalFile(evalFile, EvalMode.Auto);
        var firstClient = new RecordingChatClient(new StubChatClient(_ => "old"), first);
        await Ask(firstClient, "kept", 0, "a");
        await Ask(firstClient, "dropped", 0, "b");
        first.Flush();

        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Record);
        var stub = new StubChatClient(_ => "new");
        Assert.Equal("new", await Ask(new RecordingChatClient(stub, store), "kept", 0, "a"));
        Assert.True(store.Flush());

        Assert.Equal(1, stub.Calls);
        var entry = Assert.Single(RecordingStore.ForEvalFile(evalFile, EvalMode.Replay).Entries);
        Assert.Equal("kept", entry.CaseId);
        Assert.Equal("new", entry.Response.Text);
    }

    [Fact]
    public async Task Record_mode_prunes_only_cases_in_scope_when_asked()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("Triage.eval.yaml");
        var first = RecordingStore.ForEvalFile(evalFile, EvalMode.Auto);
        await Ask(new RecordingChatClient(new StubChatClient(_ => "old"), first), "other-case", 0, "b");
        first.Flush();

        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Record);
        await Ask(new RecordingChatClient(new StubChatClient(_ => "new"), store), "filtered-case", 0, "a");
        store.Flush(pruneCase: id => id == "filtered-case");

        var ids = RecordingStore.ForEvalFile(evalFile, EvalMode.Replay).Entries.Select(e => e.CaseId).ToArray();
        Assert.Equal(new[] { "filtered-case", "other-case" }, ids);
    }

    [Fact]
    public async Task Auto_mode_does_not_prune_and_writes_nothing_when_nothing_changed()
    {
        using var folder = new TempFolder();
        var evalFile = await RecordOne(folder);
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Auto);

        Assert.False(store.Flush());
        Assert.Single(RecordingStore.ForEvalFile(evalFile, EvalMode.Replay).Entries);
    }

    [Fact]
    public async Task Streaming_calls_are_recorded_and_replayed()
    {
        using var folder = new TempFolder();
        var store = RecordingStore.ForEvalFile(folder.File("S.eval.yaml"), EvalMode.Auto);
        var stub = new StubChatClient(_ => "streamed");
        var client = new RecordingChatClient(stub, store);

        for (var i = 0; i < 2; i++)
        {
            using (RecordingContext.Enter("s", 0))
            {
                var updates = await client.GetStreamingResponseAsync(Prompt("x")).ToListAsyncCompat();
                Assert.Equal("streamed", string.Concat(updates.Select(u => u.Text)));
            }
        }
        Assert.Equal(1, stub.Calls);
    }

    [Fact]
    public async Task Embeddings_are_recorded_and_replayed()
    {
        using var folder = new TempFolder();
        var evalFile = folder.File("E.eval.yaml");
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Auto);
        var inner = new StubEmbeddingGenerator();
        using (RecordingContext.Enter("similar-case", 0))
            await new RecordingEmbeddingGenerator(inner, store).GenerateAsync(new[] { "refund please" });
        store.Flush();

        var replay = new RecordingEmbeddingGenerator(new StubEmbeddingGenerator(), RecordingStore.ForEvalFile(evalFile, EvalMode.Replay));
        using (RecordingContext.Enter("similar-case", 0))
        {
            var embeddings = await replay.GenerateAsync(new[] { "refund please" });
            Assert.Equal(StubEmbeddingGenerator.VectorFor("refund please"), embeddings[0].Vector.ToArray());
        }
        Assert.Equal(1, inner.Calls);
        Assert.Contains("\"kind\": \"embedding\"", File.ReadAllText(RecordingStore.PathForEvalFile(evalFile)));
    }

    [Fact]
    public async Task Judge_calls_are_kept_apart_from_app_calls()
    {
        using var folder = new TempFolder();
        var store = RecordingStore.ForEvalFile(folder.File("J.eval.yaml"), EvalMode.Auto);
        var app = new StubChatClient(_ => "app");
        var judge = new StubChatClient(_ => "judge");

        Assert.Equal("app", await Ask(new RecordingChatClient(app, store, RecordingKind.Chat), "c", 0, "same"));
        Assert.Equal("judge", await Ask(new RecordingChatClient(judge, store, RecordingKind.Judge), "c", 0, "same"));
        Assert.Equal(new[] { RecordingKind.Chat, RecordingKind.Judge }, store.Entries.Select(e => e.Kind).ToArray());
    }

    [Fact]
    public async Task An_explicit_context_accessor_replaces_the_ambient_one()
    {
        using var folder = new TempFolder();
        var store = RecordingStore.ForEvalFile(folder.File("X.eval.yaml"), EvalMode.Auto);
        var client = new RecordingChatClient(new StubChatClient(_ => "a"), store, context: () => new RecordingContext("explicit", 3));

        await client.GetResponseAsync(Prompt("t"));

        var entry = Assert.Single(store.Entries);
        Assert.Equal(("explicit", 3), (entry.CaseId, entry.Trial!.Value));
    }
}

internal static class FakeOpenAIServerFactory
{
    public static PromptGen.Evals.Tests.Providers.FakeOpenAIServer Chat(string text) =>
        PromptGen.Evals.Tests.Providers.FakeOpenAIServer.Always(PromptGen.Evals.Tests.Providers.FakeOpenAIServer.Chat(text));
}

internal static class AsyncEnumerableCompat
{
    public static async Task<System.Collections.Generic.List<T>> ToListAsyncCompat<T>(this System.Collections.Generic.IAsyncEnumerable<T> source)
    {
        var list = new System.Collections.Generic.List<T>();
        await foreach (var item in source)
            list.Add(item);
        return list;
    }
}
