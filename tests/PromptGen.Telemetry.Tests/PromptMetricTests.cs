using System;
using System.Linq;
using System.Threading.Tasks;
using PromptGen.Evals.Tests.Providers;
using PromptGen.Telemetry.Tests.Prompts;

namespace PromptGen.Telemetry.Tests;

/// <summary>The counters and the duration histogram of the <c>PromptGen</c> meter, read through the OpenTelemetry SDK.</summary>
public sealed class PromptMetricTests
{
    private const string Prompt = "promptgen.prompt.name";

    [Fact]
    public async Task Calls_are_counted_by_prompt_and_outcome_and_timed()
    {
        using var telemetry = new TelemetryCapture();
        await using (var good = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("""{"category":"account","confidence":1}""")))
        {
            var client = PromptSpanTests.Client(good);
            await client.ClassifyTicketAsync("Reset my password");
            await client.ClassifyTicketAsync("Change my e-mail");
            await client.SummarizeAsync("Some text");
        }

        await using (var bad = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("no JSON here")))
        {
            await Assert.ThrowsAsync<PromptOutputException>(() => PromptSpanTests.Client(bad).ClassifyTicketAsync("?"));
        }

        Assert.Equal(2, telemetry.CounterSum("promptgen.calls", (Prompt, "classify_ticket"), ("promptgen.outcome", "success")));
        Assert.Equal(1, telemetry.CounterSum("promptgen.calls", (Prompt, "classify_ticket"), ("promptgen.outcome", "parse_failed")));
        Assert.Equal(1, telemetry.CounterSum("promptgen.calls", (Prompt, "summarize"), ("promptgen.outcome", "success")));
        Assert.Equal(2, telemetry.CounterSum("promptgen.calls", ("gen_ai.request.model", "openai/gpt-4o-mini"), ("promptgen.outcome", "success")));

        var durations = telemetry.Points("promptgen.call.duration");
        Assert.Equal(4, durations.Sum(p => p.Point.GetHistogramCount()));
        var classified = Assert.Single(durations, p => Equals(p.Tags[Prompt], "classify_ticket") && Equals(p.Tags["promptgen.outcome"], "success"));
        Assert.Equal(2, classified.Point.GetHistogramCount());
        Assert.True(classified.Point.GetHistogramSum() > 0);
        Assert.Equal("s", telemetry.Metrics.Single(m => m.Name == "promptgen.call.duration").Unit);
    }

    [Fact]
    public async Task Parse_failures_and_reasks_are_counted_per_attempt()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Sequence(
            FakeOpenAIServer.Chat("no JSON"),
            FakeOpenAIServer.Chat("""{"category":"other","confidence":0.1}"""),
            FakeOpenAIServer.Chat("still no JSON"),
            FakeOpenAIServer.Chat("and again no JSON"));
        var client = PromptSpanTests.Client(server);
        var reask = new PromptRunOptions { ReaskOnParseFailure = true };

        await client.ClassifyTicketAsync("first", reask);
        await Assert.ThrowsAsync<PromptOutputException>(() => client.ClassifyTicketAsync("second", reask));

        Assert.Equal(3, telemetry.CounterSum("promptgen.parse.failures", (Prompt, "classify_ticket")));
        Assert.Equal(2, telemetry.CounterSum("promptgen.reasks", (Prompt, "classify_ticket")));
        Assert.Equal(1, telemetry.CounterSum("promptgen.calls", ("promptgen.outcome", "success")));
        Assert.Equal(1, telemetry.CounterSum("promptgen.calls", ("promptgen.outcome", "parse_failed")));
    }

    [Fact]
    public async Task Repairs_are_counted_by_kind()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("```json\n{\"category\": \"billing\", \"confidence\": 0.8,}\n```"));
        var client = PromptSpanTests.Client(server);

        await client.ClassifyTicketAsync("one");
        await client.ClassifyTicketAsync("two");

        Assert.Equal(2, telemetry.CounterSum("promptgen.repairs", (Prompt, "classify_ticket"), ("promptgen.repair.kind", "trailing_comma")));
        Assert.Equal(2, telemetry.CounterSum("promptgen.repairs", (Prompt, "classify_ticket"), ("promptgen.repair.kind", "stripped_code_fence")));
        Assert.Equal(0, telemetry.CounterSum("promptgen.repairs", ("promptgen.repair.kind", "enum_case_fixed")));
        Assert.Equal(0, telemetry.CounterSum("promptgen.parse.failures"));
    }

    [Fact]
    public async Task A_failing_client_is_counted_as_an_error()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Error(400));

        await Assert.ThrowsAnyAsync<Exception>(() => PromptSpanTests.Client(server).ClassifyTicketAsync("?"));

        Assert.Equal(1, telemetry.CounterSum("promptgen.calls", (Prompt, "classify_ticket"), ("promptgen.outcome", "error")));
        Assert.Equal(0, telemetry.CounterSum("promptgen.parse.failures"));
    }
}
