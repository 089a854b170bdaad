using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using PromptGen.Telemetry;

namespace PromptGen.Tests.Telemetry;

/// <summary>
/// When nobody listens, a prompt call gets no telemetry object at all (the benchmark shows the allocations); one
/// listener or a logger factory is enough to get one. Listeners are process-wide, so these run in one class, in order.
/// </summary>
public class PromptCallTelemetryTests
{
    private static readonly List<ChatMessage> Messages = new() { new ChatMessage(ChatRole.User, "hi") };

    [Fact]
    public void Nothing_is_started_without_a_listener_or_a_logger()
    {
        Assert.Null(PromptCallTelemetry.Start(null, new FakeChatClient(), Messages, null, new PromptTelemetryOptions()));
    }

    [Fact]
    public void Without_a_listener_starting_allocates_nothing()
    {
        var client = new FakeChatClient();
        var options = new PromptTelemetryOptions();
        PromptCallTelemetry.Start(null, client, Messages, null, options); // first use: static instruments, JIT

        var before = System.GC.GetAllocatedBytesForCurrentThread();
        var telemetry = PromptCallTelemetry.Start(null, client, Messages, null, options);
        var allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(telemetry);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_logger_factory_alone_is_enough()
    {
        var options = new PromptTelemetryOptions { LoggerFactory = NullLoggerFactory.Instance };
        using var telemetry = PromptCallTelemetry.Start(null, new FakeChatClient(), Messages, null, options);
        Assert.NotNull(telemetry);
    }

    [Fact]
    public void A_listener_on_the_PromptGen_source_starts_a_span()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PromptGenTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        using (var telemetry = PromptCallTelemetry.Start(null, new FakeChatClient(), Messages, null, new PromptTelemetryOptions()))
        {
            Assert.NotNull(telemetry);
            Assert.Equal(PromptTelemetryNames.OperationName, Activity.Current?.DisplayName);
        }

        Assert.Null(Activity.Current);
    }

    [Theory]
    [InlineData(PromptRepairKind.TrailingComma, "trailing_comma")]
    [InlineData(PromptRepairKind.StrippedCodeFence, "stripped_code_fence")]
    [InlineData(PromptRepairKind.NullForMissingOptional, "null_for_missing_optional")]
    public void Repair_kinds_are_named_in_snake_case(PromptRepairKind kind, string name)
    {
        Assert.Equal(name, RepairKindNames.Of(kind));
        Assert.Same(RepairKindNames.Of(kind), RepairKindNames.Of(kind));
    }
}
