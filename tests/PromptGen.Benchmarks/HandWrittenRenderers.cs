using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Benchmarks.Prompts;

namespace PromptGen.Benchmarks;

/// <summary>
/// What a developer would write by hand for the other render templates: a StringBuilder per message over the same
/// generated input records, System.Text.Json for the <c>json</c> helper.
/// </summary>
internal static class HandWrittenRenderers
{
    public static IList<ChatMessage> SupportReply(SupportReplyPrompt.Input input)
    {
        var system = new StringBuilder(128);
        system.Append("\nYou are a support assistant for ").Append(input.Product).Append(". Be brief and friendly; never promise refunds.\n");

        var user = new StringBuilder(512);
        user.Append("\nCustomer: ").Append(input.Customer.Name);
        if (!string.IsNullOrEmpty(input.Customer.Plan))
        {
            user.Append(" (plan: ").Append(input.Customer.Plan).Append(')');
        }

        user.Append("\nSubject: ").Append(input.Subject).Append("\n\n").Append(input.Body).Append('\n');
        if (input.Previous.Count > 0)
        {
            user.Append("Earlier messages:\n");
            foreach (var message in input.Previous)
            {
                user.Append("- ").Append(message.From).Append(": ").Append(message.Text).Append('\n');
            }
        }

        user.Append("Tags: ");
        for (var i = 0; i < input.Tags.Count; i++)
        {
            if (i > 0)
            {
                user.Append(", ");
            }

            user.Append(input.Tags[i]);
        }

        return new List<ChatMessage>
        {
            new(ChatRole.System, system.ToString()),
            new(ChatRole.User, user.ToString()),
        };
    }

    public static IList<ChatMessage> LoopReport(LoopReportPrompt.Input input)
    {
        var user = new StringBuilder(2048);
        user.Append("\nReport: ").Append(input.Title).Append('\n');
        for (var s = 0; s < input.Sections.Count; s++)
        {
            var section = input.Sections[s];
            user.Append("## ").Append(s).Append(". ").Append(section.Name).Append('\n');
            for (var i = 0; i < section.Items.Count; i++)
            {
                var item = section.Items[i];
                user.Append(item.Done ? "[x] " : "[ ] ").Append(item.Label).Append(" (score ")
                    .Append(item.Score.ToString(CultureInfo.InvariantCulture)).Append(')');
                if (i < section.Items.Count - 1)
                {
                    user.Append(';');
                }

                user.Append('\n');
            }
        }

        return new List<ChatMessage>
        {
            new(ChatRole.System, "\nYou review task lists. Answer in one short paragraph.\n"),
            new(ChatRole.User, user.ToString()),
        };
    }

    public static IList<ChatMessage> PartialDigest(PartialDigestPrompt.Input input)
    {
        var system = new StringBuilder(256);
        system.Append("\nYou answer questions about ").Append(input.Product).Append(" for the ").Append(input.Team)
            .Append(" team. Be brief, be kind, and never promise refunds or dates.\n");

        var user = new StringBuilder(1024);
        user.Append("\nHello ").Append(input.Customer.Name).Append(" (").Append(input.Customer.Plan).Append(" plan), here is the digest of your open tickets:\n");
        foreach (var ticket in input.Tickets)
        {
            user.Append("- #").Append(ticket.Id).Append(' ').Append(ticket.Title).Append(" [").Append(ticket.Status).Append("]\n");
        }

        user.Append("-- ").Append(input.Agent).Append(", ").Append(input.Team).Append('\n');
        return new List<ChatMessage>
        {
            new(ChatRole.System, system.ToString()),
            new(ChatRole.User, user.ToString()),
        };
    }

    /// <summary>JSON as JavaScript's JSON.stringify writes it (non-ASCII characters as they are).</summary>
    internal static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    public static IList<ChatMessage> JsonContext(JsonContextPrompt.Input input)
    {
        var user = new StringBuilder(1024);
        user.Append("\nCustomer: ").Append(JsonSerializer.Serialize(input.Customer, Compact))
            .Append("\nOrder:\n").Append(JsonSerializer.Serialize(input.Order, Indented))
            .Append("\nTags: ").Append(JsonSerializer.Serialize(input.Tags, Compact));
        return new List<ChatMessage>
        {
            new(ChatRole.System, "\nExtract the refund decision as JSON. Use only the data below.\n"),
            new(ChatRole.User, user.ToString()),
        };
    }

    private const string RuleSet =
        ". Follow the support policy of {0} at all times. Greet the customer by name, restate the problem in one sentence, and answer with concrete steps. " +
        "Never share internal ticket numbers, never promise refunds, credits or delivery dates, and never ask for passwords or full card numbers. " +
        "If the question is about billing, point to the billing page; if it is about a security incident, escalate to the security team and say that someone will follow up. " +
        "Keep answers under 200 words. \n";

    private static readonly string[] RuleSetParts = RuleSet.Split("{0}");

    public static IList<ChatMessage> LongSystem(LongSystemPrompt.Input input)
    {
        var system = new StringBuilder(4096);
        system.Append("\nYou are the support assistant of ").Append(input.Company).Append(" for ").Append(input.Product).Append(".\n");
        for (var i = 1; i <= 8; i++)
        {
            system.Append("\nRule set ").Append(i).Append(RuleSetParts[0]).Append(input.Company).Append(RuleSetParts[1]);
        }

        system.Append("\nToday is ").Append(input.Date).Append(".\n");
        return new List<ChatMessage>
        {
            new(ChatRole.System, system.ToString()),
            new(ChatRole.User, "\n" + input.Question),
        };
    }
}
