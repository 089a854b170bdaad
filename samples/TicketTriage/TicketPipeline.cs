using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PromptGen;
using PromptGen.Streaming;
using TicketTriage.Prompts;

namespace TicketTriage;

/// <summary>What the classification and extraction prompts made of one ticket: the reply's typed input.</summary>
public sealed record TicketFacts(
    SampleTicket Ticket,
    PromptResult<ClassifyTicketPrompt.Output> Classification,
    PromptResult<ExtractTicketDetailsPrompt.Output> Details);

/// <summary>
/// Classify, extract, then draft a reply from both: three generated, typed calls. The reply streams, so an application
/// can show it as it arrives. The replay clients find their answers by case id: call inside
/// <c>RecordingContext.Enter(ticket.Id, 0)</c> when the clients replay recordings.
/// </summary>
public static class TicketPipeline
{
    public const string Agent = "Sam Rivera";

    /// <summary>Classifies the ticket, then extracts its details given the category.</summary>
    public static async Task<TicketFacts> TriageAsync(TriageClients clients, SampleTicket ticket, CancellationToken cancellationToken = default)
    {
        var options = clients.CallOptions;
        var classification = await clients.Classify.ClassifyTicketAsync(
            ticket.Text, channel: ticket.Channel, options: options, cancellationToken: cancellationToken);

        var details = await clients.Extract.ExtractTicketDetailsAsync(
            ticket.Text, category: classification.Value.Category.ToWireName(), options: options, cancellationToken: cancellationToken);

        return new TicketFacts(ticket, classification, details);
    }

    /// <summary>
    /// The reply, streamed: each partial is the text so far; <see cref="PromptStream{TPartial, TOutput}.GetResultAsync"/>
    /// gives the typed result. The model is called when enumeration starts.
    /// </summary>
    public static PromptStream<string, string> StreamReply(TriageClients clients, TicketFacts facts, CancellationToken cancellationToken = default)
    {
        var triage = facts.Classification.Value;
        var details = facts.Details.Value;
        return clients.Draft.DraftReplyStreamAsync(
            customerName: details.Customer.Name,
            category: triage.Category.ToWireName(),
            priority: triage.Priority.ToWireName(),
            summary: triage.Summary,
            requestedAction: details.RequestedAction.ToWireName(),
            agent: Agent,
            orders: details.Orders.Count == 0
                ? null
                : details.Orders.Select(o => new DraftReplyPrompt.OrdersItem { OrderId = o.OrderId, Items = o.Items }).ToList(),
            team: TeamFor(triage.Category),
            options: clients.CallOptions,
            cancellationToken: cancellationToken);
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
