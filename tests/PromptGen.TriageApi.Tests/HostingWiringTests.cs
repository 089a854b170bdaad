using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PromptGen.Evals.Tests.Providers;
using TriageApi;

namespace PromptGen.TriageApi.Tests;

/// <summary>
/// The sample's <c>AddPromptGen</c> wiring under <c>WebApplicationFactory</c>: the <c>PromptGen</c> section reaches the
/// request the model server receives, a keyed chat client can take over one prompt, and a mistake in the section stops
/// the app at start-up with the key in the message.
/// </summary>
[Collection(SampleHost.Collection)]
public sealed class HostingWiringTests
{
    private const string Answer = """{"category":"billing","priority":"high","summary":"Charged twice.","confidence":0.9}""";

    [Fact]
    public async Task The_PromptGen_section_reaches_the_model_request()
    {
        await using var model = FakeOpenAIServer.Always(FakeOpenAIServer.Chat(Answer, model: "fake-gpt"));
        await using var app = Factory(model, new()
        {
            ["PromptGen:Prompts:ClassifyTicket:Temperature"] = "0.35",
            ["PromptGen:Prompts:ClassifyTicket:MaxOutputTokens"] = "77",
            ["PromptGen:Prompts:ClassifyTicket:Seed"] = "11",
        });

        var response = await app.CreateClient().PostAsJsonAsync("/triage", new TriageRequest("I was charged twice", "email"));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(Assert.Single(model.Requests).Body);
        Assert.Equal(0.35, body.RootElement.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(77, MaxTokens(body.RootElement));
        Assert.Equal(11, body.RootElement.GetProperty("seed").GetInt64());
    }

    [Fact]
    public async Task A_keyed_chat_client_named_in_configuration_serves_the_prompt()
    {
        await using var model = FakeOpenAIServer.Always(FakeOpenAIServer.Chat(Answer, model: "fake-gpt"));
        var keyed = new AnsweringChatClient(Answer);
        await using var app = Factory(model, new() { ["PromptGen:Prompts:ClassifyTicket:ChatClientKey"] = "triage" })
            .WithWebHostBuilder(web => web.ConfigureServices(services => services.AddKeyedChatClient("triage", keyed)));

        var response = await app.CreateClient().PostAsJsonAsync("/triage", new TriageRequest("I was charged twice", null));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, keyed.Calls);
        Assert.Empty(model.Requests);
    }

    [Theory]
    [InlineData("PromptGen:Prompts:ClassifyTickets:Temperature", "0", "PromptGen:Prompts:ClassifyTickets: there is no prompt named 'ClassifyTickets'")]
    [InlineData("PromptGen:Prompts:ClassifyTicket:Temperature", "-0.5", "PromptGen:Prompts:ClassifyTicket:Temperature is -0.5; it must be 0 or more.")]
    [InlineData("PromptGen:Prompts:ClassifyTicket:Variant", "chatty", "PromptGen:Prompts:ClassifyTicket:Variant: the prompt 'ClassifyTicket' has no variant 'chatty'. Its variants: base, concise.")]
    public async Task A_mistake_in_the_PromptGen_section_stops_start_up_naming_the_key(string key, string value, string expected)
    {
        await using var model = FakeOpenAIServer.Always(FakeOpenAIServer.Chat(Answer));

        var failure = Assert.IsType<OptionsValidationException>(await StartUpFailure(model, new() { [key] = value }));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.Empty(model.Requests);
    }

    /// <summary>
    /// Starts the app and returns why it did not start. When a minimal-API app throws from its own start-up,
    /// WebApplicationFactory's deferred host can race with the app disposing its service provider and report an
    /// ObjectDisposedException instead of the app's exception (a known race in the test host, not in the app); a new
    /// factory is tried then, a few times, so the test sees the app's real failure.
    /// </summary>
    private static async Task<Exception> StartUpFailure(FakeOpenAIServer model, Dictionary<string, string?> settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var app = Factory(model, new(settings));
            var failure = Record.Exception(() => app.CreateClient());
            Assert.NotNull(failure);
            if (failure is not ObjectDisposedException || attempt == 5)
            {
                return failure;
            }
        }
    }

    private static WebApplicationFactory<Program> Factory(FakeOpenAIServer model, Dictionary<string, string?> settings)
    {
        settings["Model:Endpoint"] = model.Endpoint;
        settings["Model:Name"] = "fake-gpt";
        settings["Capture:Path"] = Path.Combine(Path.GetTempPath(), "promptgen-triageapi-" + Guid.NewGuid().ToString("N"), "triage.jsonl");
        return new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            web.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings)));
    }

    /// <summary>OpenAI's client sends <c>max_completion_tokens</c> (older versions <c>max_tokens</c>).</summary>
    private static int MaxTokens(JsonElement body) =>
        (body.TryGetProperty("max_completion_tokens", out var tokens) ? tokens : body.GetProperty("max_tokens")).GetInt32();

    /// <summary>A second model (hand-written answer) registered under a key.</summary>
    private sealed class AnsweringChatClient(string answer) : IChatClient
    {
        private int _calls;

        public int Calls => _calls;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
        {
            System.Threading.Interlocked.Increment(ref _calls);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
