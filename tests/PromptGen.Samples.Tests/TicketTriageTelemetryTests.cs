using System;
using System.IO;
using System.Threading.Tasks;
using TicketTriage;

namespace PromptGen.Samples.Tests;

/// <summary><c>PROMPTGEN_TELEMETRY=console</c> in the TicketTriage sample: spans, metrics and log events on the console.</summary>
public sealed class TicketTriageTelemetryTests
{
    [Fact]
    public void Without_the_variable_nothing_is_exported()
    {
        Assert.Null(SampleTelemetry.Start(_ => null));
        Assert.Null(SampleTelemetry.Start(_ => "off"));
    }

    [Fact]
    public async Task With_the_variable_the_prompt_spans_metrics_and_repair_logs_are_printed()
    {
        var console = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(console);
        int exitCode;
        var output = new StringWriter();
        try
        {
            using (SampleTelemetry.Start(name => name == SampleTelemetry.Variable ? "console" : null))
            {
                exitCode = await TriageApp.RunAsync(new[] { "double-charge" }, output, _ => null, Path.Combine(AppContext.BaseDirectory, "Prompts"));
            }
        }
        finally
        {
            Console.SetOut(previous);
        }

        Assert.True(exitCode == 0, output.ToString());
        var printed = console.ToString();
        Assert.Contains("invoke_prompt ClassifyTicket", printed);
        Assert.Contains("promptgen.prompt.name: ExtractTicketDetails", printed);
        Assert.Contains("promptgen.parse.outcome: repaired", printed);
        Assert.Contains("promptgen.calls", printed);
        Assert.Contains("promptgen.call.duration", printed);
        Assert.Contains("PromptOutputRepaired", printed);
    }
}
