using System;
using System.Collections.Generic;
using System.Text.Json;
using HandlebarsDotNet;
using Microsoft.Extensions.AI;

namespace PromptGen.Benchmarks;

/// <summary>
/// A Dotprompt template under Handlebars.Net 2.4.3, set up as Dotprompt sets up Handlebars (no HTML escaping, a
/// <c>role</c> helper writing the role marker, a <c>json</c> helper writing what JSON.stringify writes, the same partials),
/// compiled once, then split into messages at the markers as Dotprompt does.
/// </summary>
internal sealed class HandlebarsRenderer
{
    private const string RolePrefix = "<<<dotprompt:role:";
    private const string MarkerEnd = ">>>";

    private readonly HandlebarsTemplate<object, object> _template;

    public HandlebarsRenderer(string template, IReadOnlyDictionary<string, string> partials)
    {
        var handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
        handlebars.RegisterHelper("role", (writer, context, arguments) => writer.WriteSafeString(RolePrefix + arguments[0] + MarkerEnd));
        handlebars.RegisterHelper("json", (writer, context, arguments) =>
        {
            var indented = false;
            for (var i = 1; i < arguments.Length; i++)
            {
                if (arguments[i] is IDictionary<string, object> hash && hash.TryGetValue("indent", out var indent) && indent is not null && Convert.ToInt32(indent) > 0)
                {
                    indented = true;
                }
            }

            writer.WriteSafeString(JsonSerializer.Serialize(arguments[0], indented ? HandWrittenRenderers.Indented : HandWrittenRenderers.Compact));
        });
        foreach (var (name, source) in partials)
        {
            handlebars.RegisterTemplate(name, source);
        }

        _template = handlebars.Compile(template);
    }

    /// <summary>Handlebars.Net reads dictionaries and lists; this is the input JSON as such a model (built once, outside the timing).</summary>
    public static object? ToModel(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToDictionary(element),
        JsonValueKind.Array => ToList(element),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? integer : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static Dictionary<string, object?> ToDictionary(JsonElement element)
    {
        var result = new Dictionary<string, object?>();
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = ToModel(property.Value);
        }

        return result;
    }

    private static List<object?> ToList(JsonElement element)
    {
        var result = new List<object?>();
        foreach (var item in element.EnumerateArray())
        {
            result.Add(ToModel(item));
        }

        return result;
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
