using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PromptGen.Evals.Tests.Providers;
using PromptGen.Security;
using PromptGen.Telemetry.Tests.Prompts;

namespace PromptGen.Telemetry.Tests;

/// <summary>Prompt content reaches spans only when the caller opts in, and secrets never do.</summary>
public sealed class SensitiveDataTests
{
    // Hand-written: a key-shaped secret the scrubber recognises by its form, and one it knows only because it is registered.
    private const string ShapedKey = "sk-proj-Zx81Qw77Lm20Rt55Yu43Io09Pa61Sd28";
    private const string RegisteredSecret = "correct-horse-battery-staple-1182";
    private const string Ticket = "Order 1182 was charged twice. My key is " + ShapedKey + " and my token " + RegisteredSecret;
    private const string Answer = "{\"category\":\"billing\",\"confidence\":0.9,\"note\":\"saw " + ShapedKey + "\"}";

    private static IEnumerable<string> AllTagValues(IEnumerable<Activity> spans) =>
        spans.SelectMany(s => s.TagObjects).Select(t => t.Value switch
        {
            string text => text,
            string[] texts => string.Join("\n", texts),
            var other => other?.ToString() ?? string.Empty,
        }).Concat(spans.Select(s => s.StatusDescription ?? string.Empty));

    [Fact]
    public void The_GenAI_capture_content_variable_sets_the_default_of_new_options()
    {
        var saved = System.Environment.GetEnvironmentVariable(PromptTelemetryOptions.CaptureContentVariable);
        try
        {
            System.Environment.SetEnvironmentVariable(PromptTelemetryOptions.CaptureContentVariable, "true");
            Assert.True(new PromptTelemetryOptions().EnableSensitiveData);
            System.Environment.SetEnvironmentVariable(PromptTelemetryOptions.CaptureContentVariable, "false");
            Assert.False(new PromptTelemetryOptions().EnableSensitiveData);
            System.Environment.SetEnvironmentVariable(PromptTelemetryOptions.CaptureContentVariable, null);
            Assert.False(new PromptTelemetryOptions().EnableSensitiveData);
        }
        finally
        {
            System.Environment.SetEnvironmentVariable(PromptTelemetryOptions.CaptureContentVariable, saved);
        }
    }

    [Fact]
    public async Task Without_opting_in_no_span_carries_the_input_or_the_answer()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat(Answer));

        await PromptSpanTests.Client(server).ClassifyTicketAsync(Ticket);

        var span = telemetry.SinglePromptSpan();
        Assert.Null(span.GetTagItem("gen_ai.input.messages"));
        Assert.Null(span.GetTagItem("gen_ai.output.messages"));
        Assert.All(AllTagValues(telemetry.Spans), value =>
        {
            Assert.DoesNotContain("charged twice", value);
            Assert.DoesNotContain("billing", value);
            Assert.DoesNotContain(ShapedKey, value);
            Assert.DoesNotContain(RegisteredSecret, value);
        });
    }

    [Fact]
    public async Task Opting_in_puts_the_messages_on_the_span_as_GenAI_message_json_with_secrets_scrubbed()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat(Answer));
        var options = new PromptRunOptions
        {
            Telemetry = new PromptTelemetryOptions { EnableSensitiveData = true, Scrubber = new SecretScrubber(new[] { RegisteredSecret }) },
        };

        await PromptSpanTests.Client(server).ClassifyTicketAsync(Ticket, options);

        var span = telemetry.SinglePromptSpan();
        using var input = JsonDocument.Parse((string)span.GetTagItem("gen_ai.input.messages")!);
        var messages = input.RootElement.EnumerateArray().ToList();
        Assert.Equal(new[] { "system", "user" }, messages.Select(m => m.GetProperty("role").GetString()));
        var userPart = messages[1].GetProperty("parts")[0];
        Assert.Equal("text", userPart.GetProperty("type").GetString());
        var userText = userPart.GetProperty("content").GetString()!;
        Assert.Contains("Order 1182 was charged twice", userText);
        Assert.Contains(SecretScrubber.Redacted, userText);

        using var output = JsonDocument.Parse((string)span.GetTagItem("gen_ai.output.messages")!);
        var answer = Assert.Single(output.RootElement.EnumerateArray().ToList());
        Assert.Equal("assistant", answer.GetProperty("role").GetString());
        Assert.Equal("stop", answer.GetProperty("finish_reason").GetString());
        Assert.Contains("billing", answer.GetProperty("parts")[0].GetProperty("content").GetString());

        Assert.All(AllTagValues(telemetry.Spans), value =>
        {
            Assert.DoesNotContain(ShapedKey, value);
            Assert.DoesNotContain(RegisteredSecret, value);
        });
    }

    [Fact]
    public async Task A_planted_key_in_an_unparseable_answer_reaches_neither_the_span_nor_the_log()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("{\"category\": \"" + ShapedKey));
        var options = new PromptRunOptions
        {
            Telemetry = new PromptTelemetryOptions { EnableSensitiveData = true, LoggerFactory = telemetry.LoggerFactory },
        };

        await Assert.ThrowsAsync<PromptOutputException>(() => PromptSpanTests.Client(server).ClassifyTicketAsync(Ticket, options));

        Assert.NotEmpty(telemetry.Logs);
        Assert.All(telemetry.Logs, log =>
        {
            Assert.DoesNotContain(ShapedKey, log.FormattedMessage);
            Assert.All(log.Attributes!, a => Assert.DoesNotContain(ShapedKey, a.Value?.ToString() ?? string.Empty));
        });
        Assert.All(AllTagValues(telemetry.Spans), value => Assert.DoesNotContain(ShapedKey, value));
        Assert.Contains(SecretScrubber.Redacted, (string)telemetry.SinglePromptSpan().GetTagItem("gen_ai.output.messages")!);
    }
}
