using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.AI;
using PromptGen.Benchmarks.Prompts;

namespace PromptGen.Benchmarks;

/// <summary>What a developer would write by hand for <c>SupportReply.prompt</c>: a StringBuilder per message.</summary>
internal static class HandWrittenSupportReply
{
    public static IList<ChatMessage> Render(SupportReplyPrompt.Input input)
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
}
