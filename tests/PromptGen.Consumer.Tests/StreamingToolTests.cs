using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Consumer.Tests.Prompts.Tools;
using OpenAI;
using PromptGen.Evals.Tests.Providers;
using PromptGen.Tools;

namespace PromptGen.Consumer.Tests;

/// <summary>
/// <c>OrderQuestionStreamAsync</c>, a prompt whose tool is an instance method: the store is passed exactly as to
/// <c>OrderQuestionAsync</c>, and <c>UseFunctionInvocation()</c> runs the tool call the model streams before its answer.
/// </summary>
public sealed class StreamingToolTests
{
    [Fact]
    public async Task A_streamed_tool_call_runs_on_the_given_store_and_the_streamed_answer_depends_on_its_result()
    {
        var store = new OrderStore(new Dictionary<string, OrderState> { ["A-1182"] = OrderState.Delivered });
        var model = new ToolThenTextChatClient();
        using var client = model.AsBuilder().UseFunctionInvocation().Build();

        var stream = client.OrderQuestionStreamAsync(store, "Where is my order A-1182?");
        var partials = new List<OrderQuestionPrompt.PartialOutput>();
        await foreach (var partial in stream) partials.Add(partial);
        var result = await stream.GetResultAsync();

        Assert.Equal(["A-1182"], store.Lookups);
        Assert.Equal("Delivered", result.Value.Status);
        Assert.Equal("Your order is delivered.", result.Value.Answer);
        Assert.Equal(2, model.Requests.Count);
        Assert.Equal(new[] { "lookupOrder", "shippingDays" }, model.Requests[0].Tools);
        Assert.Equal("\"Delivered\"", Assert.Single(model.Requests[1].ToolResults));
        Assert.True(partials.Count > 3, $"only {partials.Count} partial values");
        for (var i = 1; i < partials.Count; i++)
        {
            PartialGrowth.AssertGrows(PartialGrowth.ToJson(partials[i - 1]), PartialGrowth.ToJson(partials[i]));
        }

        Assert.Equal("Delivered", partials[^1].Status);
    }

    [Fact]
    public async Task Through_the_OpenAI_client_a_tool_call_streamed_in_pieces_runs_the_method_and_the_answer_depends_on_its_result()
    {
        await using var server = FakeOpenAIServer.Start(request =>
        {
            var results = FakeOpenAIServer.ToolResults(request);
            if (results.Count == 0) return FakeOpenAIStreams.ToolCallStream("call_1", "lookupOrder", """{"orderId":"A-1182"}""", 4);
            // Hand-written model answer that repeats what the tool returned.
            var status = JsonDocument.Parse(results[0].Content).RootElement.GetString();
            return FakeOpenAIStreams.ChatStream(FakeOpenAIStreams.Split($$"""{"orderId":"A-1182","status":"{{status}}","answer":"-"}""", 5));
        });
        var store = new OrderStore(new Dictionary<string, OrderState> { ["A-1182"] = OrderState.Delivered });
        using var client = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = new Uri(server.Endpoint) })
            .GetChatClient("test-model").AsIChatClient().AsBuilder().UseFunctionInvocation().Build();

        var stream = client.OrderQuestionStreamAsync(store, "Where is A-1182?");
        var result = await stream.GetResultAsync();

        Assert.Equal(["A-1182"], store.Lookups);
        Assert.Equal("Delivered", result.Value.Status);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Through_the_OpenAI_client_enumerating_a_streamed_tool_call_and_answer_ends_at_the_answer()
    {
        await using var server = FakeOpenAIServer.Start(request =>
        {
            var results = FakeOpenAIServer.ToolResults(request);
            if (results.Count == 0) return FakeOpenAIStreams.ToolCallStream("call_1", "lookupOrder", """{"orderId":"A-1182"}""", 4);
            // Hand-written model answer that repeats what the tool returned.
            var status = JsonDocument.Parse(results[0].Content).RootElement.GetString();
            return FakeOpenAIStreams.ChatStream(FakeOpenAIStreams.Split($$"""{"orderId":"A-1182","status":"{{status}}","answer":"-"}""", 5));
        });
        var store = new OrderStore(new Dictionary<string, OrderState> { ["A-1182"] = OrderState.Delivered });
        using var client = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = new Uri(server.Endpoint) })
            .GetChatClient("test-model").AsIChatClient().AsBuilder().UseFunctionInvocation().Build();

        var stream = client.OrderQuestionStreamAsync(store, "Where is A-1182?");
        var partials = new List<OrderQuestionPrompt.PartialOutput>();
        await foreach (var partial in stream) partials.Add(partial);
        var result = await stream.GetResultAsync();

        Assert.Equal(["A-1182"], store.Lookups);
        Assert.Equal("Delivered", result.Value.Status);
        Assert.Equal("Delivered", partials[^1].Status);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task The_prompt_class_streams_with_the_store_after_the_input_as_RunAsync_takes_it()
    {
        var store = new OrderStore(new Dictionary<string, OrderState> { ["A-1182"] = OrderState.Pending });
        using var client = new ToolThenTextChatClient().AsBuilder().UseFunctionInvocation().Build();

        var stream = OrderQuestionPrompt.StreamAsync(client, new OrderQuestionPrompt.Input("Where is A-1182?"), store);
        var result = await stream.GetResultAsync();

        Assert.Equal("Pending", result.Value.Status);
        Assert.Equal(["A-1182"], store.Lookups);
    }

    [Fact]
    public async Task Without_function_invocation_a_streamed_answer_that_is_only_a_tool_call_is_reported_clearly()
    {
        var store = new OrderStore(new Dictionary<string, OrderState> { ["A-1182"] = OrderState.Shipped });
        using var client = new ToolThenTextChatClient();

        var stream = client.OrderQuestionStreamAsync(store, "Where is A-1182?");
        var partials = 0;
        await foreach (var partial in stream) partials++;
        var error = await Assert.ThrowsAsync<PromptToolCallException>(() => stream.GetResultAsync());

        Assert.Equal(0, partials);
        Assert.Equal("lookupOrder", Assert.Single(error.Calls).Name);
        Assert.Contains("UseFunctionInvocation", error.Message);
        Assert.Empty(store.Lookups);
    }

    [Fact]
    public void A_missing_store_is_an_argument_error_naming_it()
    {
        using var client = new ToolThenTextChatClient();

        var error = Assert.Throws<ArgumentNullException>(() => client.OrderQuestionStreamAsync(null!, "Where is A-1182?"));

        Assert.Equal("orderStore", error.ParamName);
    }

    /// <summary>
    /// Streams a <c>lookupOrder</c> call first; once the request carries the tool's result, streams a hand-written
    /// answer that repeats the status the tool returned, a few characters per update.
    /// </summary>
    private sealed class ToolThenTextChatClient : IChatClient
    {
        public List<(string[] Tools, string[] ToolResults)> Requests { get; } = new();

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("This fake only streams.");

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages,
            ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var results = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>()
                .Select(r => r.Result is JsonElement json ? json.GetRawText() : r.Result?.ToString() ?? "null").ToArray();
            Requests.Add(((options?.Tools ?? []).Select(t => t.Name).ToArray(), results));
            await Task.Yield();
            if (results.Length == 0)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent("call_1", "lookupOrder", new Dictionary<string, object?> { ["orderId"] = "A-1182" })]);
                yield break;
            }

            var status = JsonDocument.Parse(results[0]).RootElement.GetString();
            var answer = $$"""{"orderId":"A-1182","status":"{{status}}","answer":"Your order is {{status?.ToLowerInvariant()}}."}""";
            foreach (var chunk in ChunkedChatClient.Split(answer, 4))
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                yield return new ChatResponseUpdate(ChatRole.Assistant, chunk);
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
