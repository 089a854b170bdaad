using System;
using TicketTriage;

// dotnet run --project samples/TicketTriage [-- <ticket id> | -- "<ticket text>"]
// Without a model configured, the answers are replayed from the hand-written recordings next to the prompts.
// Set PROMPTGEN_ENDPOINT (any OpenAI-compatible server), PROMPTGEN_MODEL and PROMPTGEN_API_KEY to call a model.
// Set PROMPTGEN_TELEMETRY=console to print PromptGen's spans, metrics and log events (OpenTelemetry console exporter).
using var telemetry = SampleTelemetry.Start(Environment.GetEnvironmentVariable);
return await TriageApp.RunAsync(args, Console.Out, Environment.GetEnvironmentVariable);
