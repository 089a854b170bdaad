using PromptGen.Language.Text;
using Microsoft.Extensions.AI;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;

namespace PromptGen.Rendering;

/// <summary>
/// Between Dotprompt messages and Microsoft.Extensions.AI messages. Roles: <c>user</c>, <c>system</c>, <c>tool</c>
/// map to the ChatRole of that name, <c>model</c> to <see cref="ChatRole.Assistant"/>, any other name to a ChatRole
/// of that name. Parts: text to <see cref="TextContent"/>; media to <see cref="DataContent"/> for <c>data:</c> URIs,
/// else <see cref="UriContent"/>, with the declared content type, else the data: URI's type, else the one of the URL's
/// file extension (<see cref="MediaTypes"/>; then <c>AdditionalProperties["contentTypeUnspecified"] = true</c>), else
/// <see cref="PromptMediaException"/>: never a part of unknown type that a provider would drop; a pending
/// section to an <see cref="AIContent"/> whose AdditionalProperties hold <c>purpose</c> and <c>pending = true</c>.
/// History messages are passed through unchanged, with <c>AdditionalProperties["purpose"] = "history"</c> added when
/// <c>{{history}}</c> placed them.
/// </summary>
internal static class ChatMessageMapping
{
    private const string HistoryIndexKey = "promptgen.historyIndex";

    /// <summary>
    /// The caller's history as the shared message model. The enumerable is enumerated once, here: the messages are kept
    /// with it for <see cref="Assemble"/>, which passes them through unchanged.
    /// </summary>
    public static IReadOnlyList<PromptMessage>? FromChat(IEnumerable<ChatMessage>? history)
    {
        if (history is null) return null;
        var originals = history.ToList();
        var list = new ChatHistory(originals);
        foreach (var message in originals)
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
        // The caller's enumerable was read once, by FromChat; it may be a one-shot sequence.
        IReadOnlyList<ChatMessage> originals = (history as ChatHistory)?.Originals ?? (IReadOnlyList<ChatMessage>)Array.Empty<ChatMessage>();
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

    /// <summary>The history in the shared model, with the caller's messages it was read from.</summary>
    private sealed class ChatHistory : List<PromptMessage>
    {
        public ChatHistory(List<ChatMessage> originals)
            : base(originals.Count) => Originals = originals;

        public List<ChatMessage> Originals { get; }
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
                return ToMediaContent(media.Url, media.ContentType);
            case PendingPart pending:
                return new AIContent { AdditionalProperties = new AdditionalPropertiesDictionary { ["purpose"] = pending.Purpose, ["pending"] = true } };
            default:
                return new AIContent { RawRepresentation = part.ToValue().ToString() };
        }
    }

    /// <summary>
    /// A media part as the content Microsoft.Extensions.AI's providers understand: a <see cref="DataContent"/> for a
    /// <c>data:</c> URI, else a <see cref="UriContent"/>, with the media type <see cref="MediaTypes.Resolve"/> decides
    /// (<c>AdditionalProperties["contentTypeUnspecified"] = true</c> when it came from the URL, not the template).
    /// Throws <see cref="PromptMediaException"/> when no provider could send the part as meant.
    /// </summary>
    private static AIContent ToMediaContent(string url, string? contentType)
    {
        var resolution = MediaTypes.Resolve(url, contentType);
        if (resolution.Problem is not null) throw new PromptMediaException(resolution.Problem, url, contentType);
        var mediaType = resolution.MediaType!;
        try
        {
            AIContent content = resolution.IsDataUri ? new DataContent(url, mediaType) : new UriContent(new Uri(url, UriKind.Absolute), mediaType);
            if (resolution.FromUrl) content.AdditionalProperties = new AdditionalPropertiesDictionary { ["contentTypeUnspecified"] = true };
            return content;
        }
        catch (ArgumentException exception) when (exception.ParamName == "mediaType")
        {
            throw new PromptMediaException(
                $"'{mediaType}' is not a media type (write type/subtype, e.g. image/png), for the media part {MediaTypes.Describe(url)}.", url, contentType, exception);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            throw new PromptMediaException(
                $"The media URL {MediaTypes.Describe(url)} is not well-formed: {exception.Message}", url, contentType, exception);
        }
    }
}
