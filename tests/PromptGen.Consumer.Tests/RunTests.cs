using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Consumer.Tests.Prompts;
using PromptGen.Consumer.Tests.Prompts.Drafts;

namespace PromptGen.Consumer.Tests;

/// <summary>
/// The generated <c>{Name}Async</c> extension methods against a fake <see cref="IChatClient"/>: the messages and options
/// sent, and the typed value returned. These need the generated <c>Render</c> (compiled templates).
/// </summary>
public sealed class RunTests
{
    [Fact]
    public async Task Classifier_sends_rendered_messages_with_its_options_and_returns_the_enum()
    {
        var client = new FakeChatClient("""{"category":"billing","confidence":0.92}""");

        var result = await client.ClassifyTicketAsync("I was charged twice for order 1182");

        Assert.Equal(ClassifyTicketPrompt.Category.Billing, result.Value.Category);
        Assert.Equal(0.92, result.Value.Confidence);
        Assert.Equal(1, result.Attempts);
        Assert.Empty(result.Repairs);
        var (messages, options) = Assert.Single(client.Requests);
        Assert.Equal(new[] { ChatRole.System, ChatRole.User }, messages.Select(m => m.Role));
        Assert.Contains("You sort support tickets.", messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("Ticket: I was charged twice for order 1182", messages[1].Text, StringComparison.Ordinal);
        Assert.Equal("openai/gpt-4o-mini", options!.ModelId);
        Assert.Equal(0f, options.Temperature);
        var format = Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Equal("classify_ticket", format.SchemaName);
    }

    [Fact]
    public async Task Repaired_output_is_returned_with_its_repairs()
    {
        var client = new FakeChatClient("```json\n{\"category\": \"account\", \"confidence\": 0.5,}\n```");

        var result = await client.ClassifyTicketAsync("Please reset my password");

        Assert.Equal(ClassifyTicketPrompt.Category.Account, result.Value.Category);
        Assert.Contains(result.Repairs, r => r.Kind == PromptRepairKind.StrippedCodeFence);
        Assert.Contains(result.Repairs, r => r.Kind == PromptRepairKind.TrailingComma);
        Assert.Equal(15, result.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task Caller_options_override_the_prompt_options()
    {
        var client = new FakeChatClient("""{"category":"other","confidence":0.1}""");

        await client.ClassifyTicketAsync("Hello?", new ChatOptions { Temperature = 0.9f });

        var options = client.Requests.Single().Options!;
        Assert.Equal(0.9f, options.Temperature);
        Assert.Equal("openai/gpt-4o-mini", options.ModelId);
        Assert.Equal(50, options.MaxOutputTokens);
    }

    [Fact]
    public async Task Extraction_returns_nested_records_and_lists()
    {
        var client = new FakeChatClient("""
            {"vendor":{"name":"Globex"},"lines":[{"description":"Widget","quantity":3,"unitPrice":2.5}],"total":7.5,"currency":"EUR","notes":["due in 30 days"]}
            """);

        var result = await client.ExtractInvoiceAsync("INVOICE Globex ...", currencyHint: "EUR");

        Assert.Equal("Globex", result.Value.Vendor.Name);
        Assert.Equal(3L, result.Value.Lines.Single().Quantity);
        Assert.Equal(new[] { "due in 30 days" }, result.Value.Notes);
        var message = Assert.Single(client.Requests.Single().Messages);
        Assert.Equal(ChatRole.User, message.Role);
        Assert.Contains("(amounts are in EUR)", message.Text, StringComparison.Ordinal);
        Assert.Contains("INVOICE Globex ...", message.Text, StringComparison.Ordinal);
        Assert.Equal(0.1f, client.Requests.Single().Options!.Temperature);
    }

    [Fact]
    public async Task Text_prompt_uses_its_partial_and_returns_the_text()
    {
        var client = new FakeChatClient("Dear Ann, all sorted. Best regards, Bob, Acme Support");

        var result = await client.DraftReplyAsync("Ann", "a late delivery", "Bob");

        Assert.Equal("Dear Ann, all sorted. Best regards, Bob, Acme Support", result.Value);
        var (messages, options) = Assert.Single(client.Requests);
        var text = Assert.Single(messages).Text;
        Assert.Contains("Write a short, friendly reply to Ann about: a late delivery", text, StringComparison.Ordinal);
        Assert.Contains("Bob, Acme Support", text, StringComparison.Ordinal);
        Assert.Null(options!.ResponseFormat);
        Assert.Equal("anthropic/claude-sonnet", options.ModelId);
    }

    [Fact]
    public async Task Unparseable_output_throws_PromptOutputException()
    {
        var client = new FakeChatClient("I am not sure.");

        var error = await Assert.ThrowsAsync<PromptOutputException>(() => client.ClassifyTicketAsync("?"));

        Assert.Equal("I am not sure.", error.ModelText);
    }
}
