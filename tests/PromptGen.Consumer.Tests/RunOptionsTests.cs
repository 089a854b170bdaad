using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Consumer.Tests.Prompts;
using PromptGen.Rendering;

namespace PromptGen.Consumer.Tests;

/// <summary>Generated calls take one <see cref="PromptRunOptions"/>: chat options, render data and re-ask, per call.</summary>
public sealed class RunOptionsTests
{
    [Fact]
    public async Task Reask_can_be_switched_on_from_a_generated_call()
    {
        var client = new FakeChatClient("not json at all", """{"category":"billing","confidence":0.8}""");

        var result = await client.ClassifyTicketAsync("Charged twice", new PromptRunOptions { ReaskOnParseFailure = true });

        Assert.Equal(ClassifyTicketPrompt.Category.Billing, result.Value.Category);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, client.Requests.Count);
        Assert.Contains("could not be parsed", client.Requests[1].Messages.Last().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_reask_a_bad_answer_is_one_attempt_and_an_error()
    {
        var client = new FakeChatClient("not json at all", """{"category":"billing","confidence":0.8}""");

        await Assert.ThrowsAsync<PromptOutputException>(() => client.ClassifyTicketAsync("Charged twice"));
        Assert.Single(client.Requests);
    }

    [Fact]
    public async Task History_reaches_the_template_through_the_extension_method()
    {
        var client = new FakeChatClient("""{"answer":"42"}""");
        var history = new[] { new ChatMessage(ChatRole.User, "Earlier question"), new ChatMessage(ChatRole.Assistant, "Earlier answer") };

        await client.ReasonAsync("Why?", new PromptRunOptions { RenderOptions = new PromptRenderOptions { History = history } });

        var messages = client.Requests.Single().Messages;
        Assert.Equal(new[] { "Think, then answer.", "Earlier question", "Earlier answer", "Why?" }, messages.Select(m => m.Text.Trim()));
    }

    [Fact]
    public async Task Reasoning_effort_maps_onto_chat_options_and_the_caller_can_override_it()
    {
        var client = new FakeChatClient("""{"answer":"a"}""", """{"answer":"b"}""");

        await client.ReasonAsync("Why?");
        await client.ReasonAsync("Why?", new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } });

        Assert.Equal(ReasoningEffort.Low, client.Requests[0].Options!.Reasoning!.Effort);
        Assert.False(client.Requests[0].Options!.AdditionalProperties?.ContainsKey("reasoningEffort") ?? false);
        Assert.Equal(ReasoningEffort.High, client.Requests[1].Options!.Reasoning!.Effort);
    }
}
