using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PromptGen.Hosting.Tests.Prompts;
using PromptGen.Telemetry;

namespace PromptGen.Hosting.Tests;

/// <summary>A typed client's call is an ordinary generated call to telemetry: one prompt span, with the configured variant.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_typed_client_call_makes_one_prompt_span_naming_the_configured_variant()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PromptGenTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PromptGen:Prompts:SortTicket:Variant"] = "terse" })
            .Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddChatClient(new RecordingChatClient());
        collection.AddPromptGen().AddPromptGenHostingTestsPrompts();
        using var services = collection.BuildServiceProvider();

        var result = await services.GetRequiredService<SortTicketPrompt.Client>().RunAsync("Hello");

        // Tests run in parallel: this call's span is the one with its call id.
        var span = Assert.Single(spans, s => s.GetTagItem(PromptTelemetryNames.CallId) as string == result.CallId);
        Assert.Equal(PromptTelemetryNames.OperationName + " " + SortTicketPrompt.PromptName, span.DisplayName);
        Assert.Equal("terse", span.GetTagItem(PromptTelemetryNames.PromptVariant));
        Assert.Equal(SortTicketPrompt.PromptName, span.GetTagItem(PromptTelemetryNames.PromptName));
    }
}
