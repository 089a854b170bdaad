using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PromptGen.Capture;
using PromptGen.Hosting;
using PromptGen.Telemetry;
using TicketTriage;
using TriageApi;

var builder = WebApplication.CreateBuilder(args);

// One capture file for the app, disposed (queued records written) when the host stops.
builder.Services.AddSingleton(_ => new PromptCapture(new PromptCaptureOptions
{
    Path = builder.Configuration["Capture:Path"] ?? "captures/triage.jsonl",
    SampleRate = builder.Configuration.GetValue("Capture:SampleRate", 1.0),
}));

// The chat pipeline: the model, with every call of a generated prompt captured and traced (chat spans under PromptGen's).
builder.Services.AddChatClient(_ => ModelClient.Create(builder.Configuration))
    .UsePromptCapture()
    .UseOpenTelemetry();

// The prompts, configured from the PromptGen section of appsettings.json (checked when the app starts), and their typed
// clients (ClassifyTicketPrompt.Client), which the endpoints ask for.
builder.Services.AddPromptGen(builder.Configuration.GetSection(PromptGenOptions.SectionName)).AddTicketTriagePrompts();

// Telemetry:Console=true prints PromptGen's spans (invoke_prompt) and metrics with OpenTelemetry's console exporter.
if (builder.Configuration.GetValue("Telemetry:Console", false))
{
    builder.Services.AddOpenTelemetry()
        .WithTracing(tracing => tracing.AddSource(PromptGenTelemetry.ActivitySourceName, "Experimental.Microsoft.Extensions.AI").AddConsoleExporter())
        .WithMetrics(metrics => metrics.AddMeter(PromptGenTelemetry.MeterName).AddConsoleExporter());
}

var app = builder.Build();
app.MapTriage();
app.Run();

/// <summary>The entry point, visible to tests (WebApplicationFactory).</summary>
public partial class Program;
