using PromptGen.Language.Text;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.Extensions.AI;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;

namespace PromptGen.Rendering;

/// <summary>
/// Between Dotprompt messages and Microsoft.Extensions.AI messages. Roles: <c>user</c>, <c>system</c>, <c>tool</c>
/// map to the ChatRole of that name, <c>model</c> to <see cref="ChatRole.Assistant"/>, any other name to a ChatRole
/// of that name. Parts: text to <see cref="TextContent"/>; media to <see cref="DataContent"/> for <c>data:</c> URIs,
/// else <see cref="UriContent"/> (media type <c>application/octet-stream</c> and <c>AdditionalProperties["contentTypeUnspecified"] = true</c> when the template gave none); a pending
/// section to an <see cref="AIContent"/> whose AdditionalProperties hold <c>purpose</c> and <c>pending = true</c>.
/// History messages are passed through unchanged, with <c>AdditionalProperties["purpose"] = "history"</c> added when
/// <c>{{history}}</c> placed them.
/// </summary>
internal static class ChatMessageMapping
{
    private const string HistoryIndexKey = "promptgen.historyIndex";

    public static IReadOnlyList<PromptMessage>? FromChat(IEnumerable<ChatMessage>? history)
    {
        if (history is null) return null;
        var list = new List<PromptMessage>();
        foreach (var message in history)
        {
            var parts = new List<PromptPart>();
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent text:
                        parts.Add(new TextPart(text.Text ?? string.Empty));
                        break;
                    case DataContent data:
                        parts.Add(new MediaPart(data.Uri, data.MediaType));
                        break;
                    case UriContent uri:
                        parts.Add(new MediaPart(uri.Uri.ToString(), uri.MediaType));
                        break;
                }
            }

            var index = new KeyValuePair<string, PromptValue>(HistoryIndexKey, PromptValue.Number(list.Count));
            list.Add(new PromptMessage(RoleName(message.Role), parts, null, new[] { index }));
        }

        return list;
    }

    public static IList<ChatMessage> Assemble(RenderOutput output, PromptRenderOptions? options, IReadOnlyList<PromptMessage>? history)
    {
        if (history is null && options?.History is null && !(options?.AllowMarkersFromInput ?? false) && TryAssembleTextOnly(output) is { } fast) return fast;
        var data = new RenderData { Messages = history };
        var messages = MessageAssembler.ToMessages(output, data, options?.AllowMarkersFromInput ?? false);
        var originals = options?.History?.ToList() ?? new List<ChatMessage>();
        var result = new List<ChatMessage>(messages.Count);
        foreach (var message in messages)
        {
            var index = message.AdditionalProperties.FirstOrDefault(p => p.Key == HistoryIndexKey).Value;
            if (index is { Kind: PromptValueKind.Number } n && (int)n.AsNumber < originals.Count)
            {
                result.Add(FromHistory(originals[(int)n.AsNumber], message.Metadata));
                continue;
            }

            result.Add(new ChatMessage(ToRole(message.Role), message.Content.Select(ToContent).ToList()));
        }

        return result;
    }

    /// <summary>
    /// The common case without history, media or sections, in one pass: every non-blank text run between role markers
    /// is one message of the role named by the marker before it ("user" at the start), exactly as the general
    /// assembly decides. Null when the output holds any other marker.
    /// </summary>
    private static List<ChatMessage>? TryAssembleTextOnly(RenderOutput output)
    {
        var items = output.Items;
        var result = new List<ChatMessage>(items.Count);
        var role = "user";
        string? pending = null;
        for (var i = 0; i <= items.Count; i++)
        {
            var item = i < items.Count ? items[i] : null;
            if (item is StringBuilder text)
            {
                pending = pending is null ? text.ToString() : pending + text.ToString();
                continue;
            }

            if (pending is not null && !JsText.IsBlank(pending))
            {
                result.Add(new ChatMessage(ToRole(role), new List<AIContent>(1) { new TextContent(pending) }));
            }

            pending = null;
            if (item is DotpromptMarker marker)
            {
                if (marker.Kind != MarkerKind.Role) return null;
                role = marker.RoleName;
            }
        }

        return result;
    }

    private static ChatMessage FromHistory(ChatMessage original, PromptValue? metadata)
    {
        var copy = original.Clone();
        if (metadata?["purpose"] is { Kind: PromptValueKind.String } purpose)
        {
            copy.AdditionalProperties = copy.AdditionalProperties is null ? new AdditionalPropertiesDictionary() : new AdditionalPropertiesDictionary(copy.AdditionalProperties);
            copy.AdditionalProperties["purpose"] = purpose.AsString;
        }

        return copy;
    }

    public static string RoleName(ChatRole role) =>
        role == ChatRole.Assistant ? "model" : role.Value;

    public static ChatRole ToRole(string name) => name switch
    {
        "user" => ChatRole.User,
        "model" => ChatRole.Assistant,
        "system" => ChatRole.System,
        "tool" => ChatRole.Tool,
        _ => new ChatRole(name),
    };

    private static AIContent ToContent(PromptPart part)
    {
        switch (part)
        {
            case TextPart text:
                return new TextContent(text.Text);
            case MediaPart media:
                if (media.Url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
                {
                    try
                    {
                        return new DataContent(media.Url, media.ContentType);
                    }
                    catch (Exception exception) when (exception is ArgumentException or FormatException)
                    {
                        // Not a well-formed data URI: fall through to a plain URI.
                    }
                }

                if (Uri.TryCreate(media.Url, UriKind.Absolute, out var uri))
                {
                    var content = new UriContent(uri, media.ContentType ?? "application/octet-stream");
                    if (media.ContentType is null) content.AdditionalProperties = new AdditionalPropertiesDictionary { ["contentTypeUnspecified"] = true };
                    return content;
                }

                return new AIContent { AdditionalProperties = new AdditionalPropertiesDictionary { ["mediaUrl"] = media.Url, ["contentType"] = media.ContentType } };
            case PendingPart pending:
                return new AIContent { AdditionalProperties = new AdditionalPropertiesDictionary { ["purpose"] = pending.Purpose, ["pending"] = true } };
            default:
                return new AIContent { RawRepresentation = part.ToValue().ToString() };
        }
    }
}
