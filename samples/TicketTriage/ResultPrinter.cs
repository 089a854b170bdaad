using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Extensions.AI;
using PromptGen;
using TicketTriage.Prompts;

namespace TicketTriage;

/// <summary>Prints a triaged ticket for a person: the typed values, the reply, and how clean the model output was.</summary>
public static class ResultPrinter
{
    private const int LabelWidth = 14;
    private const string ReplyPrefix = "    | ";
    private const int ReplyWidth = 96;

    /// <summary>Prints the ticket and what the classification and extraction prompts made of it.</summary>
    public static void PrintFacts(TextWriter output, TicketFacts facts)
    {
        var ticket = facts.Ticket;
        var triage = facts.Classification.Value;
        var details = facts.Details.Value;

        output.WriteLine($"=== Ticket {ticket.Id} ({ticket.Channel}) ===");
        foreach (var line in Wrap(ticket.Text, 100)) output.WriteLine("  > " + line);
        output.WriteLine();

        Field(output, "Category", $"{triage.Category.ToWireName()} (ClassifyTicketPrompt.Category.{triage.Category})");
        Field(output, "Priority", triage.Priority.ToWireName());
        Field(output, "Confidence", triage.Confidence.ToString("0.00", CultureInfo.InvariantCulture));
        Field(output, "Summary", triage.Summary);
        Field(output, "Customer", Describe(details.Customer));
        if (details.Orders.Count == 0)
        {
            Field(output, "Orders", "(none mentioned)");
        }

        foreach (var order in details.Orders)
        {
            Field(output, order == details.Orders[0] ? "Orders" : string.Empty, Describe(order));
        }

        Field(output, "Wants", details.RequestedAction.ToWireName());
        if (details.Deadline is not null) Field(output, "Deadline", details.Deadline);
        output.WriteLine();
    }

    /// <summary>Starts the reply block; the returned writer prints the reply's text as it streams in.</summary>
    public static StreamedReplyWriter StartReply(TextWriter output)
    {
        output.WriteLine("  Draft reply (streamed):");
        return new StreamedReplyWriter(output, ReplyPrefix, ReplyWidth);
    }

    /// <summary>Prints, per prompt, its attempts, tokens and repairs, and how many updates the reply streamed in.</summary>
    public static void PrintCalls(TextWriter output, TicketFacts facts, PromptResult<string> reply, int replyUpdates)
    {
        output.WriteLine();
        Calls(output, "ClassifyTicket", facts.Classification);
        Calls(output, "ExtractTicketDetails", facts.Details);
        Calls(output, "DraftReply", reply, $", streamed in {replyUpdates} update(s)");
        output.WriteLine();
    }

    /// <summary>
    /// Prints an order question answered by the <c>OrderStatus</c> prompt: each tool call the model made, with its
    /// arguments and what the tool returned, then the typed answer.
    /// </summary>
    public static void PrintOrderAnswer(TextWriter output, SampleTicket question, PromptResult<OrderStatusPrompt.Output> answer)
    {
        output.WriteLine($"=== Order question {question.Id} ({question.Channel}) ===");
        foreach (var line in Wrap(question.Text, 100)) output.WriteLine("  > " + line);
        output.WriteLine();

        var contents = answer.Response.Messages.SelectMany(m => m.Contents).ToList();
        var results = contents.OfType<FunctionResultContent>().ToDictionary(r => r.CallId, r => r.Result, StringComparer.Ordinal);
        var calls = contents.OfType<FunctionCallContent>().ToList();
        if (calls.Count == 0) Field(output, "Tool calls", "(none)");
        foreach (var call in calls)
        {
            var arguments = string.Join(", ", (call.Arguments ?? new Dictionary<string, object?>()).Select(a => $"{a.Key}: \"{a.Value}\""));
            var returned = results.TryGetValue(call.CallId, out var result) ? $"\"{result}\"" : "(no result)";
            Field(output, call == calls[0] ? "Tool calls" : string.Empty, $"{call.Name}({arguments}) returned {returned}");
        }

        var value = answer.Value;
        if (value.OrderId is not null) Field(output, "Order", "#" + value.OrderId);
        Field(output, "Status", value.Status.ToWireName());
        Field(output, "Reply", value.Reply);
        output.WriteLine();
        Calls(output, "OrderStatus", answer);
        output.WriteLine();
    }

    private static void Calls<T>(TextWriter output, string prompt, PromptResult<T> result, string extra = "")
    {
        var repairs = result.Repairs.Where(r => !r.IsBenign).ToList();
        var attempts = result.Attempts == 1 ? "1 attempt" : $"{result.Attempts} attempts";
        var summary = repairs.Count == 0 ? "clean output" : $"{repairs.Count} repair(s)";
        output.WriteLine($"  {prompt,-22}{attempts}, {Tokens(result.Usage)}, {summary}{extra}");
        foreach (var repair in repairs)
        {
            output.WriteLine($"  {string.Empty,-22}  repaired: {repair.Kind} at {repair.Path}: {repair.Message}");
        }
    }

    private static string Tokens(UsageDetails? usage) =>
        usage?.TotalTokenCount is long total
            ? $"{total} tokens ({usage.InputTokenCount ?? 0} in, {usage.OutputTokenCount ?? 0} out)"
            : "no usage reported";

    private static string Describe(ExtractTicketDetailsPrompt.Customer customer)
    {
        var parts = new List<string> { customer.Name };
        if (customer.Email is not null) parts.Add($"<{customer.Email}>");
        if (customer.AccountId is not null) parts.Add($"(account {customer.AccountId})");
        return string.Join(" ", parts);
    }

    private static string Describe(ExtractTicketDetailsPrompt.OrdersItem order)
    {
        var text = "#" + order.OrderId;
        if (order.Items.Count > 0) text += ": " + string.Join(", ", order.Items);
        if (order.Amount is double amount)
        {
            text += $" ({amount.ToString("0.00", CultureInfo.InvariantCulture)}{(order.Currency is { } currency ? " " + currency : string.Empty)})";
        }

        return text;
    }

    private static void Field(TextWriter output, string label, string value) =>
        output.WriteLine("  " + (label.Length == 0 ? string.Empty : label + ":").PadRight(LabelWidth) + value);

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }

        if (line.Length > 0) yield return line;
    }
}
