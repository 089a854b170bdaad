using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;

namespace PromptGen.Evals.Tests.Tools;

/// <summary>
/// Tool-using prompts in evals: function invocation runs over the recording client, so each model turn is recorded on
/// its own (the calls and arguments in the answer, the tool results in the next request) and replays offline; a tool
/// result that differs from the recording is a PG1003 miss whose message shows the difference.
/// </summary>
public sealed class ToolTurnReplayTests
{
    private static readonly ChatMessage[] Messages = { new(ChatRole.User, "Where is order A-1182?") };

    /// <summary>A model that asks for lookupOrder, then answers with the tool's result (hand-written behaviour).</summary>
    private sealed class ToolCallingModel : IChatClient
    {
        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            var result = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().LastOrDefault();
            var message = result is null
                ? new ChatMessage(ChatRole.Assistant, new List<AIContent> { new FunctionCallContent("call_1", "lookupOrder", new Dictionary<string, object?> { ["orderId"] = "A-1182" }) })
                : new ChatMessage(ChatRole.Assistant, $"Your order is {result.Result}.");
            return Task.FromResult(new ChatResponse(message) { FinishReason = result is null ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop });
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates()) yield return update;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>A provider that must not be reached (replay is offline).</summary>
    private sealed class Unreachable : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("replay called the provider");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("replay called the provider");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static ChatOptions Options(Func<string, string> lookup, List<string> seen) => new()
    {
        Tools = new List<AITool>
        {
            AIFunctionFactory.Create((string orderId) => { seen.Add(orderId); return lookup(orderId); }, "lookupOrder", "Looks up an order."),
        },
    };

    private static async Task<ChatResponse> RunAsync(IChatClient provider, RecordingStore store, ChatOptions options)
    {
        using (RecordingContext.Enter("where-is-my-order", 0))
        {
            var client = EvalToolInvocation.For(new RecordingChatClient(provider, store), options);
            return await client.GetResponseAsync(Messages, options);
        }
    }

    private static async Task<string> RecordAsync(TempFolder folder)
    {
        var evalFile = folder.File("OrderQuestion.eval.yaml");
        var store = RecordingStore.ForEvalFile(evalFile, EvalMode.Record);
        var model = new ToolCallingModel();
        var response = await RunAsync(model, store, Options(_ => "shipped", new List<string>()));
        Assert.Equal("Your order is shipped.", response.Text);
        Assert.Equal(2, model.Calls);
        Assert.True(store.Flush());
        return evalFile;
    }

    [Fact]
    public async Task Tool_turns_are_recorded_with_calls_arguments_and_results()
    {
        using var folder = new TempFolder();
        var evalFile = await RecordAsync(folder);

        var entries = RecordingStore.ForEvalFile(evalFile, EvalMode.Replay).Entries;
        Assert.Equal(2, entries.Count);
        var first = Assert.Single(entries, e => e.Response.ToolCalls.Count > 0);
        var second = Assert.Single(entries, e => e.Response.ToolCalls.Count == 0);
        var call = Assert.Single(first.Response.ToolCalls);
        Assert.Equal(("call_1", "lookupOrder"), (call.CallId, call.Name));
        Assert.Equal("A-1182", System.Text.Json.JsonDocument.Parse(call.ArgumentsJson).RootElement.GetProperty("orderId").GetString());
        Assert.Contains("\"functionResult\"", second.Request!.ToJsonString());
        Assert.Contains("shipped", second.Request!.ToJsonString());
        Assert.Equal("Your order is shipped.", second.Response.Text);
    }

    [Fact]
    public async Task Replay_reproduces_the_tool_turns_offline_and_runs_the_tool_with_the_recorded_arguments()
    {
        using var folder = new TempFolder();
        var evalFile = await RecordAsync(folder);
        var seen = new List<string>();

        var response = await RunAsync(new Unreachable(), RecordingStore.ForEvalFile(evalFile, EvalMode.Replay), Options(_ => "shipped", seen));

        Assert.Equal("Your order is shipped.", response.Text);
        Assert.Equal(new[] { "A-1182" }, seen);
        var calls = EvalToolInvocation.CallsIn(response);
        Assert.Equal("lookupOrder", Assert.Single(calls).Name);
    }

    [Fact]
    public async Task A_tool_result_that_differs_from_the_recording_is_a_PG1003_miss_with_the_difference()
    {
        using var folder = new TempFolder();
        var evalFile = await RecordAsync(folder);

        var error = await Assert.ThrowsAsync<RecordingMissingException>(() =>
            RunAsync(new Unreachable(), RecordingStore.ForEvalFile(evalFile, EvalMode.Replay), Options(_ => "lost in transit", new List<string>())));

        Assert.Equal("PG1003", error.DiagnosticId);
        Assert.Contains("functionResult.result", error.Message);
        Assert.Contains("shipped", error.Message);
        Assert.Contains("lost in transit", error.Message);
    }
}
