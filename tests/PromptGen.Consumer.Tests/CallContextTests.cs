using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Consumer.Tests.Prompts;
using PromptGen.Observation;

namespace PromptGen.Consumer.Tests;

/// <summary>
/// The observation seam as middleware sees it: a <see cref="DelegatingChatClient"/> in the pipeline finds
/// <see cref="PromptCallContext.Current"/> set to the generated prompt's call, and is told the outcome once.
/// </summary>
public sealed class CallContextTests
{
    [Fact]
    public async Task Middleware_sees_the_prompt_its_input_and_the_outcome()
    {
        var observer = new ObservingClient(new FakeChatClient("```json\n{\"category\": \"billing\", \"confidence\": 0.9,}\n```"));

        var result = await observer.ClassifyTicketAsync("I was charged twice");

        var seen = Assert.Single(observer.Seen);
        Assert.Equal(ClassifyTicketPrompt.PromptName, seen.CallSite.Name);
        Assert.Equal(ClassifyTicketPrompt.PromptVersion, seen.CallSite.Version);
        Assert.Matches("^[0-9a-f]{12}$", seen.CallSite.Version);
        Assert.Equal(result.CallId, seen.CallId);
        Assert.Equal("I was charged twice", JsonDocument.Parse(seen.GetInputJson()).RootElement.GetProperty("ticket").GetString());
        var done = Assert.Single(observer.Completed);
        Assert.Same(seen, done);
        Assert.True(done.Succeeded);
        Assert.StartsWith("```json", done.RawOutput, StringComparison.Ordinal);
        Assert.Same(result.Value, done.Value);
        Assert.Equal("billing", JsonDocument.Parse(done.GetValueJson()!).RootElement.GetProperty("category").GetString());
        Assert.Contains(done.Repairs, r => r.Kind == PromptRepairKind.TrailingComma);
        Assert.Equal(15, done.Usage!.TotalTokenCount);
        Assert.True(done.Latency >= TimeSpan.Zero);
    }

    [Fact]
    public async Task A_variant_call_names_its_prompt_and_variant_to_middleware()
    {
        var observer = new ObservingClient(new FakeChatClient("""{"category":"billing"}""", """{"category":"billing"}"""));

        var concise = await Prompts.Variants.TriagePrompt.RunAsync(observer, new Prompts.Variants.TriagePrompt.Input("Charged twice"), Prompts.Variants.TriagePrompt.Variant.Concise);
        var baseline = await Prompts.Variants.TriagePrompt.RunAsync(observer, new Prompts.Variants.TriagePrompt.Input("Charged twice"));

        Assert.Equal(2, observer.Seen.Count);
        Assert.All(observer.Seen, call => Assert.Equal(Prompts.Variants.TriagePrompt.PromptName, call.CallSite.Name));
        Assert.Equal("concise", observer.Seen[0].CallSite.Variant);
        Assert.Null(observer.Seen[1].CallSite.Variant);
        Assert.Equal(concise.CallId, observer.Seen[0].CallId);
        Assert.Equal(baseline.CallId, observer.Seen[1].CallId);
    }

    [Fact]
    public async Task A_reask_is_one_call_with_two_attempts()
    {
        var observer = new ObservingClient(new FakeChatClient("no json here", """{"category":"account","confidence":0.4}"""));

        var result = await observer.ClassifyTicketAsync("reset my password", options: new PromptRunOptions { ReaskOnParseFailure = true });

        Assert.Equal(2, result.Attempts);
        Assert.Equal(new[] { 1, 2 }, observer.Attempts);
        var done = Assert.Single(observer.Completed);
        Assert.Equal(2, done.Reports.Count);
        Assert.Equal(30, done.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task A_failed_parse_completes_the_call_as_failed_and_still_throws()
    {
        var observer = new ObservingClient(new FakeChatClient("I cannot help with that."));

        await Assert.ThrowsAsync<PromptOutputException>(() => observer.ClassifyTicketAsync("hello"));

        var done = Assert.Single(observer.Completed);
        Assert.False(done.Succeeded);
        Assert.Equal("I cannot help with that.", done.RawOutput);
        Assert.IsType<PromptOutputException>(done.Exception);
        Assert.Null(done.GetValueJson());
    }

    [Fact]
    public async Task An_observer_that_throws_does_not_fail_the_call()
    {
        var client = new ThrowingObserverClient(new FakeChatClient("""{"category":"billing","confidence":1}"""));

        var result = await client.ClassifyTicketAsync("charged twice");

        Assert.Equal(ClassifyTicketPrompt.Category.Billing, result.Value.Category);
    }

    [Fact]
    public async Task Outside_a_generated_call_there_is_no_context_and_calls_get_distinct_ids()
    {
        Assert.Null(PromptCallContext.Current);
        var client = new FakeChatClient("""{"category":"billing","confidence":1}""", """{"category":"billing","confidence":1}""");

        var first = await client.ClassifyTicketAsync("a");
        var second = await client.ClassifyTicketAsync("b");

        Assert.Null(PromptCallContext.Current);
        Assert.NotEqual(first.CallId, second.CallId);
    }

    private sealed class ObservingClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        public List<PromptCallContext> Seen { get; } = new();

        public List<PromptCallContext> Completed { get; } = new();

        public List<int> Attempts { get; } = new();

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var call = PromptCallContext.Current!;
            Attempts.Add(call.Attempt);
            if (call.Attempt == 1)
            {
                Seen.Add(call);
                call.OnCompleted(Completed.Add);
            }

            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }

    private sealed class ThrowingObserverClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            PromptCallContext.Current!.OnCompleted(_ => throw new InvalidOperationException("observer defect"));
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }
}
