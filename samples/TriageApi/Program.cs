using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PromptGen.Capture;
using TriageApi;

var builder = WebApplication.CreateBuilder(args);

// One capture file for the app, disposed (queued records written) when the host stops.
builder.Services.AddSingleton(_ => new PromptCapture(new PromptCaptureOptions
{
    Path = builder.Configuration["Capture:Path"] ?? "captures/triage.jsonl",
    SampleRate = builder.Configuration.GetValue("Capture:SampleRate", 1.0),
}));

// The chat pipeline: the model, with every call of a generated prompt captured.
builder.Services.AddChatClient(_ => ModelClient.Create(builder.Configuration)).UsePromptCapture();

var app = builder.Build();
app.MapTriage();
app.Run();

/// <summary>The entry point, visible to tests (WebApplicationFactory).</summary>
public partial class Program;
