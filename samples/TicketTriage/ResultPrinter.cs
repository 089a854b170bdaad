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

    public static void Print(TextWriter output, TriagedTicket result)
    {
        var ticket = result.Ticket;
        var triage = result.Classification.Value;
        var facts = result.Details.Value;

        output.WriteLine($"=== Ticket {ticket.Id} ({ticket.Channel}) ===");
        foreach (var line in Wrap(ticket.Text, 100)) output.WriteLine("  > " + line);
        output.WriteLine();

        Field(output, "Category", $"{triage.Category.ToWireName()} (ClassifyTicketPrompt.Category.{triage.Category})");
        Field(output, "Priority", triage.Priority.ToWireName());
        Field(output, "Confidence", triage.Confidence.ToString("0.00", CultureInfo.InvariantCulture));
        Field(output, "Summary", triage.Summary);
        Field(output, "Customer", Describe(facts.Customer));
        if (facts.Orders.Count == 0)
        {
            Field(output, "Orders", "(none mentioned)");
        }

        foreach (var order in facts.Orders)
        {
            Field(output, order == facts.Orders[0] ? "Orders" : string.Empty, Describe(order));
        }

        Field(output, "Wants", facts.RequestedAction.ToWireName());
        if (facts.Deadline is not null) Field(output, "Deadline", facts.Deadline);

        output.WriteLine();
        output.WriteLine("  Draft reply:");
        foreach (var paragraph in result.Reply.Value.Trim().Split('\n'))
        {
            var lines = Wrap(paragraph.TrimEnd('\r'), 96).DefaultIfEmpty(string.Empty);
            foreach (var line in lines) output.WriteLine(("    | " + line).TrimEnd());
        }

        output.WriteLine();
        Calls(output, "ClassifyTicket", result.Classification);
        Calls(output, "ExtractTicketDetails", result.Details);
        Calls(output, "DraftReply", result.Reply);
        output.WriteLine();
    }

    private static void Calls<T>(TextWriter output, string prompt, PromptResult<T> result)
    {
        var repairs = result.Repairs.Where(r => !r.IsBenign).ToList();
        var attempts = result.Attempts == 1 ? "1 attempt" : $"{result.Attempts} attempts";
        var summary = repairs.Count == 0 ? "clean output" : $"{repairs.Count} repair(s)";
        output.WriteLine($"  {prompt,-22}{attempts}, {Tokens(result.Usage)}, {summary}");
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
