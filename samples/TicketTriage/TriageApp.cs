using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PromptGen;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using TicketTriage.Prompts;

namespace TicketTriage;

/// <summary>The sample's command line: which tickets to triage, which clients to use, what to print.</summary>
public static class TriageApp
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    /// <param name="args">Nothing (all built-in tickets), a built-in ticket id, or a ticket's text (needs a model).</param>
    /// <param name="output">Where the results go.</param>
    /// <param name="getVariable">Reads environment variables (the model settings).</param>
    /// <param name="promptsFolder">Where the recordings are; defaults to <c>Prompts/</c> next to the program.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, Func<string, string?> getVariable, string? promptsFolder = null)
    {
        promptsFolder ??= Path.Combine(AppContext.BaseDirectory, "Prompts");
        output.WriteLine("PromptGen sample: support ticket triage");

        TriageClients clients;
        try
        {
            clients = TriageClients.Create(getVariable, promptsFolder);
        }
        catch (EvalProviderException exception)
        {
            output.WriteLine("error: " + exception.Message);
            return BadArguments;
        }

        using (clients)
        {
            output.WriteLine(clients.Mode);
            output.WriteLine();
            if (!TryPickTickets(args, clients.IsOffline, output, out var tickets)) return BadArguments;

            foreach (var ticket in tickets)
            {
                if (!await TryRunAsync(output, ticket, () => TriageAsync(clients, ticket, output))) return Failed;
            }

            // With no arguments, the order questions too: the OrderStatus prompt calls the lookupOrder tool.
            var questions = args.Length == 0 ? SampleTickets.OrderQuestions : Array.Empty<SampleTicket>();
            foreach (var question in questions)
            {
                if (!await TryRunAsync(output, question, () => AnswerOrderQuestionAsync(clients, question, output))) return Failed;
            }

            output.WriteLine($"Triaged {tickets.Count} ticket(s).");
            return Success;
        }
    }

    /// <summary>
    /// Triages one ticket and prints the reply as it streams in: live, as the model writes it; offline, chunk by chunk
    /// from the recording.
    /// </summary>
    private static async Task TriageAsync(TriageClients clients, SampleTicket ticket, TextWriter output)
    {
        var facts = await TicketPipeline.TriageAsync(clients, ticket);
        ResultPrinter.PrintFacts(output, facts);

        var stream = TicketPipeline.StreamReply(clients, facts);
        var reply = ResultPrinter.StartReply(output);
        var updates = 0;
        await foreach (var textSoFar in stream)
        {
            reply.Show(textSoFar);
            await output.FlushAsync();
            updates++;
        }

        reply.Complete();
        ResultPrinter.PrintCalls(output, facts, await stream.GetResultAsync(), updates);
    }

    private static async Task AnswerOrderQuestionAsync(TriageClients clients, SampleTicket question, TextWriter output)
    {
        var answer = await clients.Orders.OrderStatusAsync(question.Text, options: clients.CallOptions);
        ResultPrinter.PrintOrderAnswer(output, question, answer);
    }

    /// <summary>Runs one ticket's prompts; a failure is printed as one line that names the ticket.</summary>
    private static async Task<bool> TryRunAsync(TextWriter output, SampleTicket ticket, Func<Task> run)
    {
        // The replay clients find their answers by case id: the ticket id is the id of its eval cases.
        using var recordingScope = RecordingContext.Enter(ticket.Id, 0);
        try
        {
            await run();
            return true;
        }
        catch (RecordingMissingException exception)
        {
            output.WriteLine($"error: no recorded response for ticket '{ticket.Id}': {exception.Message}");
        }
        catch (PromptOutputException exception)
        {
            output.WriteLine($"error: the model's answer for ticket '{ticket.Id}' could not be read: {exception.Message}");
        }
        catch (EvalProviderException exception)
        {
            output.WriteLine($"error: the model call for ticket '{ticket.Id}' failed: {exception.Message}");
        }

        return false;
    }

    private static bool TryPickTickets(string[] args, bool offline, TextWriter output, out IReadOnlyList<SampleTicket> tickets)
    {
        tickets = SampleTickets.All;
        if (args.Length == 0) return true;

        var text = string.Join(" ", args).Trim();
        var builtIn = SampleTickets.All.FirstOrDefault(t => t.Id == text);
        if (builtIn is not null)
        {
            tickets = new[] { builtIn };
            return true;
        }

        if (offline)
        {
            output.WriteLine($"'{text}' is not one of the built-in tickets ({string.Join(", ", SampleTickets.All.Select(t => t.Id))}).");
            output.WriteLine("Offline, only they have recorded answers; to triage your own text, set PROMPTGEN_ENDPOINT and PROMPTGEN_MODEL.");
            return false;
        }

        tickets = new[] { new SampleTicket("your-ticket", "command line", text) };
        return true;
    }
}
