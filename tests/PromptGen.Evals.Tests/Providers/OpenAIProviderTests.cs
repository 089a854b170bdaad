using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Security;

namespace PromptGen.Evals.Tests.Providers;

public class OpenAIProviderTests
{
    private const string ApiKey = "sk-test-0123456789abcdefghijklmnop";

    private static EvalProviderOptions Options(FakeOpenAIServer server, TimeSpan? timeout = null) => new()
    {
        Endpoint = server.Endpoint,
        ApiKey = ApiKey,
        Model = "test-model",
        EmbeddingModel = "test-embedding",
        CallTimeout = timeout ?? TimeSpan.FromSeconds(20),
    };

    /// <summary>A policy that records the waits it is asked for instead of sleeping.</summary>
    private static (EvalCallPolicy Policy, ConcurrentQueue<TimeSpan> Waits) FastPolicy(int maxRetries = 3, TimeSpan? timeout = null, EvalCostMeter? meter = null, int maxConcurrency = 4)
    {
        var waits = new ConcurrentQueue<TimeSpan>();
        var policy = new EvalCallPolicy(
            new EvalResilienceOptions { MaxRetries = maxRetries, CallTimeout = timeout ?? TimeSpan.FromSeconds(20), MaxConcurrency = maxConcurrency },
            meter)
        {
            Delay = (wait, _) =>
            {
                waits.Enqueue(wait);
                return Task.CompletedTask;
            },
        };
        return (policy, waits);
    }

    private static IChatClient Client(FakeOpenAIServer server, EvalCallPolicy policy, TimeSpan? timeout = null) =>
        new ResilientChatClient(EvalProviderFactory.CreateChatClient(Options(server, timeout)), policy);

    [Fact]
    public async Task Answers_come_back_with_text_usage_and_model_and_the_request_is_well_formed()
    {
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("billing", promptTokens: 12, completionTokens: 3));
        var (policy, _) = FastPolicy();
        using var client = Client(server, policy);

        var response = await client.GetResponseAsync(
            new[] { new ChatMessage(ChatRole.System, "Classify."), new ChatMessage(ChatRole.User, "charged twice") },
            new ChatOptions { Temperature = 0 });

        Assert.Equal("billing", response.Text);
        Assert.Equal(12, response.Usage?.InputTokenCount);
        Assert.Equal(3, response.Usage?.OutputTokenCount);
        Assert.Equal("test-model", response.ModelId);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("test-model", body.RootElement.GetProperty("model").GetString());
        Assert.Equal("charged twice", body.RootElement.GetProperty("messages")[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Embeddings_come_back_as_vectors()
    {
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Embeddings(new[] { 0.25f, -0.5f }, new[] { 1f, 0f }));
        var (policy, _) = FastPolicy();
        using var generator = new ResilientEmbeddingGenerator(EvalProviderFactory.CreateEmbeddingGenerator(Options(server)), policy);

        var embeddings = await generator.GenerateAsync(new[] { "a", "b" });

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(new[] { 0.25f, -0.5f }, embeddings[0].Vector.ToArray());
        Assert.Equal("/v1/embeddings", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task A_429_with_Retry_After_seconds_is_retried_after_exactly_that_wait()
    {
        await using var server = FakeOpenAIServer.Sequence(FakeOpenAIServer.Error(429, retryAfter: "7"), FakeOpenAIServer.Chat("ok"));
        var (policy, waits) = FastPolicy();
        using var client = Client(server, policy);

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("ok", response.Text);
        Assert.Equal(2, server.RequestCount);
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(waits));
    }

    [Fact]
    public async Task A_429_with_an_HTTP_date_Retry_After_waits_until_that_date()
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await using var server = FakeOpenAIServer.Sequence(
            FakeOpenAIServer.Error(429, retryAfter: now.AddSeconds(3).ToString("r")), FakeOpenAIServer.Chat("ok"));
        var (policy, waits) = FastPolicy();
        policy.Now = () => now;
        using var client = Client(server, policy);

        Assert.Equal("ok", (await client.GetResponseAsync("hi")).Text);
        Assert.Equal(TimeSpan.FromSeconds(3), Assert.Single(waits));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_backoff_until_success()
    {
        await using var server = FakeOpenAIServer.Sequence(
            FakeOpenAIServer.Error(500), FakeOpenAIServer.Error(503), FakeOpenAIServer.Chat("recovered"));
        var (policy, waits) = FastPolicy(maxRetries: 3);
        using var client = Client(server, policy);

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("recovered", response.Text);
        Assert.Equal(3, server.RequestCount);
        var delays = waits.ToArray();
        Assert.Equal(2, delays.Length);
        // Base 1 s with jitter in [50%, 100%]: the first wait is 0.5–1 s, the second 1–2 s.
        Assert.InRange(delays[0].TotalSeconds, 0.5, 1.0);
        Assert.InRange(delays[1].TotalSeconds, 1.0, 2.0);
    }

    [Fact]
    public async Task A_persistent_500_becomes_a_classified_error_after_the_last_retry()
    {
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Error(500));
        var (policy, _) = FastPolicy(maxRetries: 2);
        using var client = Client(server, policy);

        var error = await Assert.ThrowsAsync<EvalProviderException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(ProviderErrorKind.HttpStatus, error.Kind);
        Assert.Equal(500, error.StatusCode);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, server.RequestCount);
        Assert.Equal("PG1004", error.DiagnosticId);
        Assert.Contains("HTTP 500", error.Message);
    }

    [Fact]
    public async Task A_400_is_not_retried()
    {
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Error(400));
        var (policy, waits) = FastPolicy(maxRetries: 3);
        using var client = Client(server, policy);

        var error = await Assert.ThrowsAsync<EvalProviderException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(1, server.RequestCount);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task A_slow_response_times_out_as_a_classified_error()
    {
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("late") with { Delay = TimeSpan.FromSeconds(10) });
        var (policy, _) = FastPolicy(timeout: TimeSpan.FromMilliseconds(300));
        using var client = Client(server, policy);
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<EvalProviderException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(ProviderErrorKind.Timeout, error.Kind);
        Assert.Equal(1, server.RequestCount);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8), "the timeout did not cut the call short");
    }

    [Fact]
    public async Task A_malformed_JSON_body_is_a_classified_error()
    {
        await using var server = FakeOpenAIServer.Always(new ScriptedResponse(200, "{\"choices\": [ {\"message\": "));
        var (policy, _) = FastPolicy();
        using var client = Client(server, policy);

        var error = await Assert.ThrowsAsync<EvalProviderException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(ProviderErrorKind.MalformedResponse, error.Kind);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_a_network_error()
    {
        int port;
        await using (var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("x")))
            port = server.Port;
        var (policy, waits) = FastPolicy(maxRetries: 1);
        using var client = new ResilientChatClient(
            EvalProviderFactory.CreateChatClient(new EvalProviderOptions { Endpoint = $"http://127.0.0.1:{port}/v1", Model = "m" }), policy);

        var error = await Assert.ThrowsAsync<EvalProviderException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(ProviderErrorKind.Network, error.Kind);
        Assert.Equal(2, error.Attempts);
        Assert.Single(waits);
    }

    [Fact]
    public async Task The_budget_stops_further_calls_once_spend_exceeds_it()
    {
        // 1,000,000 input tokens at 1.00 + 0 output: each call costs 1.00; the budget is 1.50.
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("ok", promptTokens: 1_000_000, completionTokens: 0));
        var meter = new EvalCostMeter(inputPricePerMillionTokens: 1m, outputPricePerMillionTokens: 2m, budget: 1.5m);
        var (policy, _) = FastPolicy(meter: meter);
        using var client = Client(server, policy);

        await client.GetResponseAsync("one");
        await client.GetResponseAsync("two");
        var error = await Assert.ThrowsAsync<EvalBudgetExceededException>(() => client.GetResponseAsync("three"));

        Assert.Equal(ProviderErrorKind.Budget, error.Kind);
        Assert.Equal(2m, error.Spent);
        Assert.Equal(2, server.RequestCount);
        Assert.Equal(2m, meter.Spent);
    }

    [Fact]
    public async Task Concurrency_is_bounded()
    {
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("ok") with { Delay = TimeSpan.FromMilliseconds(150) });
        var (policy, _) = FastPolicy(maxConcurrency: 2);
        using var client = Client(server, policy);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.GetResponseAsync("call " + i)));

        Assert.Equal(6, server.RequestCount);
        Assert.InRange(server.MaxInFlight, 1, 2);
    }

    [Fact]
    public async Task Caller_cancellation_stays_a_cancellation()
    {
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("late") with { Delay = TimeSpan.FromSeconds(10) });
        var (policy, _) = FastPolicy();
        using var client = Client(server, policy);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("hi", cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task The_key_reaches_the_server_but_never_the_recordings_file()
    {
        // The server echoes the Authorization header it received, as a worst case of a model repeating a secret.
        await using var server = FakeOpenAIServer.Start(request => FakeOpenAIServer.Chat("you sent " + request.Authorization));
        using var folder = new TempFolder();
        var evalFile = folder.File("Triage.eval.yaml");
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Auto, new SecretScrubber());
        var (policy, _) = FastPolicy();
        using var clients = EvalModelClients.Create(Options(server), store, policy);

        using (RecordingContext.Enter("secret-case", 0))
        {
            var response = await clients.App.GetResponseAsync(new[] { new ChatMessage(ChatRole.User, "hi") },
                new ChatOptions { AdditionalProperties = new AdditionalPropertiesDictionary { ["api_key"] = ApiKey } });
            Assert.Contains(ApiKey, response.Text);
        }
        Assert.True(store.Flush());

        Assert.Equal("Bearer " + ApiKey, Assert.Single(server.Requests).Authorization);
        var text = File.ReadAllText(RecordingStore.PathForEvalFile(evalFile));
        Assert.Contains("secret-case", text);
        Assert.Contains("you sent Bearer [REDACTED]", text);
        Assert.DoesNotContain(ApiKey, text);
        Assert.DoesNotContain("0123456789abcdef", text);
        Assert.DoesNotContain(server.Endpoint, text);
    }
}
