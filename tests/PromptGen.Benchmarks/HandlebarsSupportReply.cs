using System;
using System.Collections.Generic;
using HandlebarsDotNet;
using Microsoft.Extensions.AI;
using PromptGen.Benchmarks.Prompts;

namespace PromptGen.Benchmarks;

/// <summary>
/// The Dotprompt template under Handlebars.Net, set up as Dotprompt sets up Handlebars (no HTML escaping, a <c>role</c>
/// helper writing the role marker), then split into messages at the markers as Dotprompt does.
/// </summary>
internal sealed class HandlebarsSupportReply
{
    private const string RolePrefix = "<<<dotprompt:role:";
    private const string MarkerEnd = ">>>";

    private readonly HandlebarsTemplate<object, object> _template;

    public HandlebarsSupportReply(string template)
    {
        var handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
        handlebars.RegisterHelper("role", (writer, context, arguments) => writer.WriteSafeString(RolePrefix + arguments[0] + MarkerEnd));
        _template = handlebars.Compile(template);
    }

    /// <summary>Handlebars.Net reads dictionaries and lists; this is the input as such a model (built once, outside the timing).</summary>
    public static object ToModel(SupportReplyPrompt.Input input)
    {
        var previous = new List<object>();
        foreach (var item in input.Previous)
        {
            previous.Add(new Dictionary<string, object?> { ["from"] = item.From, ["text"] = item.Text });
        }

        return new Dictionary<string, object?>
        {
            ["product"] = input.Product,
            ["subject"] = input.Subject,
            ["body"] = input.Body,
            ["customer"] = new Dictionary<string, object?> { ["name"] = input.Customer.Name, ["plan"] = input.Customer.Plan },
            ["previous"] = previous,
            ["tags"] = new List<object>(input.Tags),
        };
    }

    public IList<ChatMessage> Render(object model)
    {
        var text = _template(model);
        var messages = new List<ChatMessage>();
        var role = ChatRole.User;
        var at = 0;
        while (at <= text.Length)
        {
            var marker = text.IndexOf(RolePrefix, at, StringComparison.Ordinal);
            var end = marker < 0 ? text.Length : marker;
            Add(messages, role, text, at, end);
            if (marker < 0)
            {
                break;
            }

            var close = text.IndexOf(MarkerEnd, marker, StringComparison.Ordinal);
            role = new ChatRole(text.Substring(marker + RolePrefix.Length, close - marker - RolePrefix.Length));
            at = close + MarkerEnd.Length;
        }

        return messages;
    }

    private static void Add(List<ChatMessage> messages, ChatRole role, string text, int start, int end)
    {
        // Dotprompt drops pieces that are only whitespace and keeps the others as they are.
        var piece = text.Substring(start, end - start);
        if (piece.Trim().Length == 0)
        {
            return;
        }

        messages.Add(new ChatMessage(role, piece));
    }
}
