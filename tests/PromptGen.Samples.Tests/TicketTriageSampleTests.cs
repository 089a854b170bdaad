using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PromptGen.Evals.Tests.Providers;
using TicketTriage;

namespace PromptGen.Samples.Tests;

/// <summary>
/// <c>samples/TicketTriage</c> through its entry point: offline on the committed recordings (what a fresh clone runs),
/// and live against an OpenAI-compatible server.
/// </summary>
public sealed class TicketTriageSampleTests
{
    private static readonly Func<string, string?> NoVariables = _ => null;

    [Fact]
    public async Task Offline_it_triages_every_built_in_ticket_from_the_recordings()
    {
        var (exitCode, output) = await RunAsync(Array.Empty<string>(), NoVariables);

        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("Mode: offline, replaying the hand-written responses", lines[1], StringComparison.Ordinal);
        Assert.Contains("=== Ticket double-charge (email) ===", lines);
        Assert.Contains("  Category:     billing (ClassifyTicketPrompt.Category.Billing)", lines);
        Assert.Contains("  Priority:     high", lines);
        Assert.Contains("  Customer:     Maria Lopez <maria.lopez@example.com>", lines);
        Assert.Contains("  Orders:       #1182: Reporting Pro licence (49.99 USD)", lines);
        Assert.Contains("  Customer:     Jonas (account ACME-20931)", lines);
        Assert.Contains("  Category:     shipping (ClassifyTicketPrompt.Category.Shipping)", lines);
        Assert.Contains("                #2304: filter pack", lines);
        Assert.Contains("    | Acme Support, Orders & Delivery", lines);
        Assert.Contains(lines, l => l.StartsWith("  DraftReply ", StringComparison.Ordinal) && l.EndsWith(", streamed in 17 update(s)", StringComparison.Ordinal));
        Assert.Contains("=== Order question order-shipped (chat) ===", lines);
        Assert.Contains("  Tool calls:   lookupOrder(orderId: \"2291\") returned \"shipped\"", lines);
        Assert.Contains("  Status:       shipped", lines);
        Assert.Contains("  Tool calls:   (none)", lines);
        Assert.Contains(lines, l => l.Contains("repaired: StrippedCodeFence at $", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("repaired: EnumCaseFixed at $.priority", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("repaired: SingleValueToList at $.orders[1].items", StringComparison.Ordinal));
        Assert.Equal("Triaged 3 ticket(s).", lines.Last(l => l.Length > 0));
    }

    [Fact]
    public async Task Offline_it_triages_one_built_in_ticket_by_id()
    {
        var (exitCode, output) = await RunAsync(new[] { "crash-on-export" }, NoVariables);

        Assert.True(exitCode == 0, output);
        Assert.Contains("=== Ticket crash-on-export (chat) ===", output, StringComparison.Ordinal);
        Assert.DoesNotContain("double-charge", output, StringComparison.Ordinal);
        Assert.Contains("  Deadline:     3pm today", output, StringComparison.Ordinal);
        Assert.Contains("Triaged 1 ticket(s).", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_a_ticket_of_your_own_needs_a_model()
    {
        var (exitCode, output) = await RunAsync(new[] { "My", "printer", "is", "on", "fire" }, NoVariables);

        Assert.Equal(TriageApp.BadArguments, exitCode);
        Assert.Contains("'My printer is on fire' is not one of the built-in tickets (double-charge, crash-on-export, wrong-item)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_without_a_model_is_a_clear_error()
    {
        var (exitCode, output) = await RunAsync(Array.Empty<string>(), Variables(("PROMPTGEN_ENDPOINT", "http://127.0.0.1:1/v1")));

        Assert.Equal(TriageApp.BadArguments, exitCode);
        Assert.Contains("error: PROMPTGEN_ENDPOINT is set but PROMPTGEN_MODEL is not", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_it_calls_the_configured_model_for_each_prompt()
    {
        await using var server = FakeOpenAIServer.Start(request =>
            request.Body.Contains("You triage support tickets", StringComparison.Ordinal)
                ? FakeOpenAIServer.Chat("""{"category":"how-to","priority":"low","summary":"Asks how to print a report.","confidence":0.8}""")
                : request.Body.Contains("You extract facts", StringComparison.Ordinal)
                    ? FakeOpenAIServer.Chat("""{"customer":{"name":"Ana"},"orders":[],"requestedAction":"information"}""")
                    : FakeOpenAIStreams.ChatStream(FakeOpenAIStreams.Split("Hi Ana,\n\nGo to File > Print.\n\nBest regards,\nSam Rivera\nAcme Support", 5)));
        var variables = Variables(
            ("PROMPTGEN_ENDPOINT", server.Endpoint),
            ("PROMPTGEN_MODEL", "local-model"),
            ("PROMPTGEN_API_KEY", "not-a-real-key"));

        var (exitCode, output) = await RunAsync(new[] { "How", "do", "I", "print", "a", "report?", "Ana" }, variables);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"Mode: live, model 'local-model' at {server.Endpoint}", output, StringComparison.Ordinal);
        Assert.Contains("=== Ticket your-ticket (command line) ===", output, StringComparison.Ordinal);
        Assert.Contains("  Category:     how-to (ClassifyTicketPrompt.Category.HowTo)", output, StringComparison.Ordinal);
        Assert.Contains("    | Go to File > Print.", output, StringComparison.Ordinal);
        var requests = server.Requests.ToList();
        Assert.Equal(3, requests.Count);
        // The configured model replaces the one the prompt files name.
        Assert.All(requests, r => Assert.Contains("\"model\":\"local-model\"", r.Body, StringComparison.Ordinal));
        Assert.All(requests, r => Assert.Equal("Bearer not-a-real-key", r.Authorization));
        Assert.Contains("How do I print a report? Ana", requests[0].Body, StringComparison.Ordinal);
        // The reply is requested streamed and printed as it arrives, in more than one update.
        Assert.False(FakeOpenAIStreams.IsStreamRequest(requests[1]));
        Assert.True(FakeOpenAIStreams.IsStreamRequest(requests[2]));
        Assert.Matches(@"DraftReply .*, streamed in ([2-9]|\d\d+) update\(s\)", output);
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.TryGetValue(name, out var value) ? value : null;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] args, Func<string, string?> getVariable)
    {
        using var output = new StringWriter { NewLine = "\n" };
        var exitCode = await TriageApp.RunAsync(args, output, getVariable);
        return (exitCode, output.ToString());
    }
}
