using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PromptGen;
using PromptGen.Evals.Recording;
using TicketTriage.Prompts;

namespace TicketTriage;

/// <summary>What the three prompts made of one ticket.</summary>
public sealed record TriagedTicket(
    SampleTicket Ticket,
    PromptResult<ClassifyTicketPrompt.Output> Classification,
    PromptResult<ExtractTicketDetailsPrompt.Output> Details,
    PromptResult<string> Reply);

/// <summary>Classify, extract, then draft a reply from both: three generated, typed calls.</summary>
public static class TicketPipeline
{
    public const string Agent = "Sam Rivera";

    public static async Task<TriagedTicket> RunAsync(TriageClients clients, SampleTicket ticket, CancellationToken cancellationToken = default)
    {
        // The replay clients find their answers by case id: the ticket id is the id of its eval cases.
        using var recordingScope = RecordingContext.Enter(ticket.Id, 0);
        var options = clients.CallOptions;

        var classification = await clients.Classify.ClassifyTicketAsync(
            ticket.Text, channel: ticket.Channel, options: options, cancellationToken: cancellationToken);
        var triage = classification.Value;

        var details = await clients.Extract.ExtractTicketDetailsAsync(
            ticket.Text, category: triage.Category.ToWireName(), options: options, cancellationToken: cancellationToken);
        var facts = details.Value;

        var reply = await clients.Draft.DraftReplyAsync(
            customerName: facts.Customer.Name,
            category: triage.Category.ToWireName(),
            priority: triage.Priority.ToWireName(),
            summary: triage.Summary,
            requestedAction: facts.RequestedAction.ToWireName(),
            agent: Agent,
            orders: facts.Orders.Count == 0
                ? null
                : facts.Orders.Select(o => new DraftReplyPrompt.OrdersItem { OrderId = o.OrderId, Items = o.Items }).ToList(),
            team: TeamFor(triage.Category),
            options: options,
            cancellationToken: cancellationToken);

        return new TriagedTicket(ticket, classification, details, reply);
    }

    /// <summary>The team that signs replies of a category.</summary>
    public static string? TeamFor(ClassifyTicketPrompt.Category category) => category switch
    {
        ClassifyTicketPrompt.Category.Billing => "Billing",
        ClassifyTicketPrompt.Category.Bug => "Desktop App",
        ClassifyTicketPrompt.Category.Shipping => "Orders & Delivery",
        _ => null,
    };
}
