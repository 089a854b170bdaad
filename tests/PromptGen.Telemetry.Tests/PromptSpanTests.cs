using System;
using System.ClientModel;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using OpenAI;
using PromptGen.Evals.Tests.Providers;
using PromptGen.Telemetry.Tests.Prompts;

namespace PromptGen.Telemetry.Tests;

/// <summary>
/// The span of a generated prompt call, observed as an application observes it: generated code over Microsoft.Extensions.AI's
/// OpenAI client (with <c>UseOpenTelemetry</c>) against a local OpenAI-compatible server. Model answers are hand-written.
/// </summary>
public sealed class PromptSpanTests
{
    internal static IChatClient Client(FakeOpenAIServer server) =>
        new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = new Uri(server.Endpoint) })
            .GetChatClient("server-default-model")
            .AsIChatClient()
            .AsBuilder()
            .UseOpenTelemetry(sourceName: TelemetryCapture.ChatSourceName)
            .Build();

    [Fact]
    public async Task A_call_is_one_span_named_after_the_prompt_with_GenAI_and_PromptGen_attributes()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("""{"category":"billing","confidence":0.9}""", promptTokens: 42, completionTokens: 7, model: "gpt-4o-mini-2024"));

        var result = await Client(server).ClassifyTicketAsync("I was charged twice");

        Assert.Equal(ClassifyTicketPrompt.Category.Billing, result.Value.Category);
        var span = telemetry.SinglePromptSpan();
        Assert.Equal("invoke_prompt classify_ticket", span.DisplayName);
        Assert.Equal(ActivityKind.Internal, span.Kind);
        Assert.Equal("invoke_prompt", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("classify_ticket", span.GetTagItem("promptgen.prompt.name"));
        Assert.Equal(ClassifyTicketPrompt.PromptVersion, span.GetTagItem("promptgen.prompt.version"));
        Assert.Null(span.GetTagItem("promptgen.prompt.variant"));
        Assert.Equal(result.CallId, span.GetTagItem("promptgen.call.id"));
        Assert.Equal("openai/gpt-4o-mini", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal("gpt-4o-mini-2024", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal("openai", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(42L, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(7L, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal("clean", span.GetTagItem("promptgen.parse.outcome"));
        Assert.Equal(0, span.GetTagItem("promptgen.repair.count"));
        Assert.Null(span.GetTagItem("promptgen.repair.kinds"));
        Assert.Equal(0, span.GetTagItem("promptgen.reask.count"));
        Assert.Null(span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task The_chat_span_of_UseOpenTelemetry_nests_under_the_prompt_span()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("""{"category":"technical","confidence":0.5}"""));

        await Client(server).ClassifyTicketAsync("The app crashes");

        var prompt = telemetry.SinglePromptSpan();
        var chat = Assert.Single(telemetry.ChatSpans);
        Assert.Equal(prompt.SpanId, chat.ParentSpanId);
        Assert.Equal(prompt.TraceId, chat.TraceId);
        Assert.StartsWith("chat", chat.DisplayName);
        Assert.True(chat.StartTimeUtc >= prompt.StartTimeUtc);
        Assert.True(chat.StartTimeUtc + chat.Duration <= prompt.StartTimeUtc + prompt.Duration);
    }

    [Fact]
    public async Task Repairs_are_counted_and_named_on_the_span()
    {
        using var telemetry = new TelemetryCapture();
        const string fencedWithTrailingComma = "Here you go:\n```json\n{\"category\": \"Billing\", \"confidence\": 0.8,}\n```";
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat(fencedWithTrailingComma));

        var result = await Client(server).ClassifyTicketAsync("Refund please");

        var span = telemetry.SinglePromptSpan();
        Assert.Equal("repaired", span.GetTagItem("promptgen.parse.outcome"));
        Assert.Equal(result.Repairs.Count, span.GetTagItem("promptgen.repair.count"));
        var kinds = Assert.IsType<string[]>(span.GetTagItem("promptgen.repair.kinds"));
        Assert.Contains("stripped_code_fence", kinds);
        Assert.Contains("trailing_comma", kinds);
        Assert.Contains("enum_case_fixed", kinds);
        Assert.Equal(kinds.Distinct().Count(), kinds.Length);
    }

    [Fact]
    public async Task A_reask_is_counted_and_both_chat_spans_nest_under_one_prompt_span()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Sequence(
            FakeOpenAIServer.Chat("I think it is about billing.", promptTokens: 10, completionTokens: 6),
            FakeOpenAIServer.Chat("""{"category":"billing","confidence":0.7}""", promptTokens: 30, completionTokens: 8));

        var result = await Client(server).ClassifyTicketAsync("Charged twice", new PromptRunOptions { ReaskOnParseFailure = true });

        Assert.Equal(2, result.Attempts);
        var span = telemetry.SinglePromptSpan();
        Assert.Equal(1, span.GetTagItem("promptgen.reask.count"));
        Assert.Equal("clean", span.GetTagItem("promptgen.parse.outcome"));
        Assert.Equal(40L, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(14L, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(2, telemetry.ChatSpans.Count);
        Assert.All(telemetry.ChatSpans, chat => Assert.Equal(span.SpanId, chat.ParentSpanId));
    }

    [Fact]
    public async Task An_answer_that_never_parses_ends_the_span_in_error_with_the_exception_type()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("Sorry, I cannot help with that."));

        await Assert.ThrowsAsync<PromptOutputException>(() => Client(server).ClassifyTicketAsync("?"));

        var span = telemetry.SinglePromptSpan();
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(PromptOutputException).FullName, span.GetTagItem("error.type"));
        Assert.Equal("failed", span.GetTagItem("promptgen.parse.outcome"));
        Assert.Equal(0, span.GetTagItem("promptgen.reask.count"));
    }

    [Fact]
    public async Task A_failing_chat_client_ends_the_span_in_error_without_a_parse_outcome()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Error(400));

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => Client(server).ClassifyTicketAsync("?"));

        var span = telemetry.SinglePromptSpan();
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(thrown.GetType().FullName, span.GetTagItem("error.type"));
        Assert.Null(span.GetTagItem("promptgen.parse.outcome"));
    }

    [Fact]
    public async Task Text_prompts_report_a_clean_parse()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("A short summary."));

        var result = await Client(server).SummarizeAsync("A long text.");

        Assert.Equal("A short summary.", result.Value);
        var span = telemetry.SinglePromptSpan();
        Assert.Equal("invoke_prompt summarize", span.DisplayName);
        Assert.Equal("clean", span.GetTagItem("promptgen.parse.outcome"));
        Assert.Null(span.GetTagItem("gen_ai.request.model"));
    }
}
