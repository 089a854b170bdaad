using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PromptGen.Evals.Tests.Providers;
using PromptGen.Telemetry.Tests.Prompts;

namespace PromptGen.Telemetry.Tests;

/// <summary>The log events of generated prompt calls, through an OpenTelemetry logger factory with the in-memory exporter.</summary>
public sealed class PromptLogTests
{
    [Fact]
    public async Task A_repaired_answer_is_logged_with_its_repair_kinds_through_the_per_call_logger_factory()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("```json\n{\"category\": \"billing\", \"confidence\": 0.8,}\n```"));
        var options = new PromptRunOptions { Telemetry = new PromptTelemetryOptions { LoggerFactory = telemetry.LoggerFactory } };

        await PromptSpanTests.Client(server).ClassifyTicketAsync("Refund", options);

        var log = Assert.Single(telemetry.Logs);
        Assert.Equal("PromptGen", log.CategoryName);
        Assert.Equal(LogLevel.Information, log.LogLevel);
        Assert.Equal(new EventId(1, "PromptOutputRepaired"), log.EventId);
        var attributes = log.Attributes!.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal("classify_ticket", attributes["PromptName"]);
        Assert.Equal(1, attributes["Attempt"]);
        Assert.Contains("trailing_comma", (string)attributes["RepairKinds"]!);
        Assert.Contains("classify_ticket", log.FormattedMessage);
    }

    [Fact]
    public async Task A_failed_parse_is_a_warning_that_says_whether_the_model_is_asked_again()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Sequence(
            FakeOpenAIServer.Chat("no JSON at all"),
            FakeOpenAIServer.Chat("""{"category":"other","confidence":0.2}"""));
        var options = new PromptRunOptions
        {
            ReaskOnParseFailure = true,
            Telemetry = new PromptTelemetryOptions { LoggerFactory = telemetry.LoggerFactory },
        };

        await PromptSpanTests.Client(server).ClassifyTicketAsync("?", options);

        var log = Assert.Single(telemetry.Logs);
        Assert.Equal(LogLevel.Warning, log.LogLevel);
        Assert.Equal(new EventId(2, "PromptOutputParseFailed"), log.EventId);
        var attributes = log.Attributes!.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal(true, attributes["WillReask"]);
        Assert.False(string.IsNullOrEmpty((string?)attributes["ParseError"]));
    }

    [Fact]
    public async Task The_default_options_logger_factory_serves_calls_that_set_none()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("no JSON"));
        var saved = PromptGenTelemetry.DefaultOptions;
        PromptGenTelemetry.DefaultOptions = new PromptTelemetryOptions { LoggerFactory = telemetry.LoggerFactory };
        try
        {
            await Assert.ThrowsAsync<PromptOutputException>(() => PromptSpanTests.Client(server).ClassifyTicketAsync("?"));
        }
        finally
        {
            PromptGenTelemetry.DefaultOptions = saved;
        }

        var log = Assert.Single(telemetry.Logs);
        Assert.Equal(new EventId(2, "PromptOutputParseFailed"), log.EventId);
        Assert.Equal(false, log.Attributes!.Single(a => a.Key == "WillReask").Value);
    }

    [Fact]
    public async Task Clean_answers_and_calls_without_a_logger_factory_log_nothing()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("""{"category":"billing","confidence":1}"""));
        var client = PromptSpanTests.Client(server);

        await client.ClassifyTicketAsync("clean", new PromptRunOptions { Telemetry = new PromptTelemetryOptions { LoggerFactory = telemetry.LoggerFactory } });
        await client.ClassifyTicketAsync("no logger");

        Assert.Empty(telemetry.Logs);
    }
}
