using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Sharing;
using PromptGen.Evals.Tests.Providers;
using PromptGen.Evals.Tests.Running;
using PromptGen.Security;

namespace PromptGen.Evals.Tests.Sharing;

/// <summary>
/// <c>--recordings-store redis://…</c> against a real redis-server started for each test. The model's answers are
/// hand-written: billing when the ticket mentions a refund, else technical.
/// </summary>
public sealed class SharedRecordingsTests
{
    private const string Eval = """
        gate: { min-pass-rate: 0 }
        cases:
          - id: refund
            input: { ticket: "Please refund my order" }
            assert:
              - { path: category, equals: billing }
          - id: login
            input: { ticket: "I cannot log in" }
            assert:
              - { path: category, equals: technical }
        """;

    private static readonly string ApiKey = "sk-" + "shared-test-" + new string('4', 24);

    private static FakeOpenAIServer Model() => FakeOpenAIServer.Start(
        r => FakeOpenAIServer.Chat(r.Body.Contains("efund", StringComparison.Ordinal) ? "{\"category\":\"billing\"}" : "{\"category\":\"technical\"}"), maxRequests: 20);

    private static EvalProviderOptions Options(FakeOpenAIServer server) => new() { Endpoint = server.Endpoint, Model = "test-model", ApiKey = ApiKey, MaxRetries = 0 };

    [RedisFact]
    public async Task Two_shards_in_auto_mode_share_the_store_and_the_second_calls_no_model()
    {
        using var redis = RedisServer.Start();
        var store = await SharedRecordingsStore.ConnectAsync(redis.Url);
        using var disposeStore = (IDisposable)store;
        await using var model = Model();
        using var first = new EvalProject(Eval);
        using var second = new EvalProject(Eval);

        var firstResult = await first.RunAsync(EvalMode.Auto, r => r with { ProviderOptions = Options(model), SharedRecordings = store });
        var calls = model.RequestCount;
        var secondResult = await second.RunAsync(EvalMode.Auto, r => r with { ProviderOptions = Options(model), SharedRecordings = store });

        Assert.True(firstResult.Passed);
        Assert.Equal(2, calls);
        Assert.True(secondResult.Passed);
        Assert.Equal(calls, model.RequestCount);
        // Answers from the store are recorded exactly as the model's were.
        Assert.Equal(File.ReadAllText(first.RecordingsPath), File.ReadAllText(second.RecordingsPath));
    }

    [RedisFact]
    public async Task Values_in_the_store_are_scrubbed_of_secrets()
    {
        using var redis = RedisServer.Start();
        var store = await SharedRecordingsStore.ConnectAsync(redis.Url);
        using var disposeStore = (IDisposable)store;
        var secret = "sk-" + "echoed-" + new string('9', 24);
        var scrubber = new SecretScrubber();
        scrubber.AddSecret(secret);
        using var client = new SharedRecordingsChatClient(new StubChatClient(_ => "the key is " + secret), store, RecordingKind.Chat, scrubber);

        using (RecordingContext.Enter("echo", 0))
            Assert.Contains(secret, (await client.GetResponseAsync("hi")).Text, StringComparison.Ordinal);

        var request = CanonicalRequest.ForChat(new[] { new ChatMessage(ChatRole.User, "hi") }, null);
        var key = SharedRecordingsChatClient.StoreKey(RecordingKind.Chat, new RecordingContext("echo", 0), CanonicalRequest.Key(RecordingKind.Chat, 0, request));
        var value = Encoding.UTF8.GetString(Assert.IsType<byte[]>(await store.GetAsync(key)));
        Assert.DoesNotContain(secret, value, StringComparison.Ordinal);
        Assert.Contains("the key is [REDACTED]", value, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task Export_writes_the_stores_answers_into_the_recordings_files_without_calling_a_model()
    {
        using var redis = RedisServer.Start();
        var store = await SharedRecordingsStore.ConnectAsync(redis.Url);
        using var disposeStore = (IDisposable)store;
        await using var model = Model();
        using var shard = new EvalProject(Eval);
        using var checkout = new EvalProject(Eval);
        Assert.True((await shard.RunAsync(EvalMode.Auto, r => r with { ProviderOptions = Options(model), SharedRecordings = store, Filter = "refund" })).Passed);
        var calls = model.RequestCount;

        var exported = await SharedRecordingsExport.RunAsync(new PromptGen.Evals.Running.EvalRunRequest
        {
            ProjectDirectory = checkout.Folder,
            EvalFiles = new[] { checkout.EvalPath },
            Prompts = new[] { checkout.Prompt },
            ProviderOptions = Options(model),
        }, store);

        Assert.Equal(calls, model.RequestCount);
        Assert.Equal(new[] { "refund" }, checkout.RecordedCases());
        // The case no shard ran is not in the store: PG1004 naming the export, never a model call.
        var missing = Assert.Single(exported.Findings, f => f.IsError);
        Assert.Equal("PG1004", missing.Id);
        Assert.Contains("shared recordings store has no answer", missing.Message, StringComparison.Ordinal);
        Assert.True((await checkout.RunAsync(EvalMode.Replay, r => r with { Filter = "refund" })).Passed);
    }

    [Fact]
    public async Task An_unreachable_store_is_a_clear_error_not_a_fallback()
    {
        var port = RedisServer.FreePort();

        var error = await Assert.ThrowsAsync<EvalProviderException>(() => SharedRecordingsStore.ConnectAsync($"redis://127.0.0.1:{port}"));

        Assert.Equal(ProviderErrorKind.Configuration, error.Kind);
        Assert.StartsWith($"The recordings store redis://127.0.0.1:{port} could not be reached:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:6379")]
    [InlineData("redis://127.0.0.1:6379/extra/path")]
    [InlineData("not a url")]
    public async Task A_store_url_that_is_not_redis_is_refused(string url)
    {
        var error = await Assert.ThrowsAsync<EvalProviderException>(() => SharedRecordingsStore.ConnectAsync(url));

        Assert.Contains("must be a URL like redis://host:6379", error.Message, StringComparison.Ordinal);
    }
}
