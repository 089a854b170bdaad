using PromptGen.Language.Text;
using System.Text.RegularExpressions;
using PromptGen.Language.Values;

namespace PromptGen.Language.Rendering;

/// <summary>
/// Dotprompt's <c>toMessages</c>: splits rendered output into messages at role and history markers, then each
/// message into parts at media and section markers, and inserts the conversation history.
/// </summary>
internal static class MessageAssembler
{
    private const string RolePrefix = DotpromptMarker.Open + "role:";
    private const string HistoryPrefix = DotpromptMarker.Open + "history";
    private const string MediaPrefix = DotpromptMarker.Open + "media:";
    private const string SectionPrefix = DotpromptMarker.Open + "section";

    private static readonly Regex s_roleAndHistory = new("(<<<dotprompt:(?:role:[a-z]+|history))>>>", RegexOptions.CultureInvariant);
    private static readonly Regex s_mediaAndSection = new("(<<<dotprompt:(?:media:url|section)[^\\n\\r\\u2028\\u2029]*?)>>>", RegexOptions.CultureInvariant);

    /// <summary>A message being built: its role and its source items (text or media/section markers).</summary>
    private sealed class MessageSource
    {
        public string Role = "user";
        public readonly List<object> Items = new();
        public PromptMessage? Fixed;

        public bool HasContent => Items.Any(i => i is DotpromptMarker || !JsText.IsBlank((string)i));
    }

    public static IReadOnlyList<PromptMessage> ToMessages(RenderOutput output, RenderData data, bool allowMarkersFromInput)
    {
        // Pieces: text strings and markers. In compatibility mode, markers are re-found in the flat text, exactly as the reference does.
        var pieces = allowMarkersFromInput ? SplitReference(output.ToReferenceText()) : SplitStructured(output);

        var current = new MessageSource();
        var sources = new List<MessageSource> { current };
        foreach (var piece in pieces)
        {
            if (piece is DotpromptMarker { Kind: MarkerKind.Role } role)
            {
                var name = role.Body.Substring("role:".Length);
                if (current.HasContent)
                {
                    current = new MessageSource { Role = name };
                    sources.Add(current);
                }
                else
                {
                    current.Role = name;
                }
            }
            else if (piece is DotpromptMarker { Kind: MarkerKind.History })
            {
                foreach (var message in data.Messages ?? System.Array.Empty<PromptMessage>())
                {
                    sources.Add(new MessageSource { Fixed = AsHistory(message) });
                }

                current = new MessageSource { Role = "model" };
                sources.Add(current);
            }
            else if (piece is List<object> items)
            {
                current.Items.AddRange(items);
            }
        }

        var messages = new List<PromptMessage>();
        foreach (var source in sources)
        {
            if (source.Fixed is not null)
            {
                messages.Add(source.Fixed);
            }
            else if (source.Items.Count > 0)
            {
                messages.Add(new PromptMessage(source.Role, ToParts(source.Items, allowMarkersFromInput)));
            }
        }

        return InsertHistory(messages, data.Messages);
    }

    /// <summary>Reference behaviour: split the text on role/history markers, dropping blank pieces.</summary>
    private static List<object> SplitReference(string text)
    {
        var result = new List<object>();
        foreach (var piece in s_roleAndHistory.Split(text))
        {
            if (JsText.IsBlank(piece)) continue;
            if (piece.StartsWith(RolePrefix, System.StringComparison.Ordinal))
            {
                result.Add(new DotpromptMarker(MarkerKind.Role, "role:" + piece.Substring(RolePrefix.Length)));
            }
            else if (piece.StartsWith(HistoryPrefix, System.StringComparison.Ordinal))
            {
                result.Add(new DotpromptMarker(MarkerKind.History, "history"));
            }
            else
            {
                result.Add(new List<object> { piece });
            }
        }

        return result;
    }

    /// <summary>PromptGen behaviour: only markers emitted by helpers split; text stays text.</summary>
    private static List<object> SplitStructured(RenderOutput output)
    {
        var result = new List<object>();
        var piece = new List<object>();
        void Flush()
        {
            if (piece.Any(i => i is DotpromptMarker || !JsText.IsBlank((string)i))) result.Add(piece);
            piece = new List<object>();
        }

        foreach (var item in output.Items)
        {
            if (item is DotpromptMarker { Kind: MarkerKind.Role or MarkerKind.History } marker)
            {
                Flush();
                result.Add(marker);
            }
            else
            {
                piece.Add(item is StringBuilder text ? text.ToString() : item);
            }
        }

        Flush();
        return result;
    }

    private static List<PromptPart> ToParts(List<object> items, bool allowMarkersFromInput)
    {
        var parts = new List<PromptPart>();
        if (allowMarkersFromInput)
        {
            var source = string.Concat(items.Select(i => i as string ?? ((DotpromptMarker)i).ReferenceText));
            foreach (var piece in s_mediaAndSection.Split(source))
            {
                if (JsText.IsBlank(piece)) continue;
                if (piece.StartsWith(MediaPrefix, System.StringComparison.Ordinal)) parts.Add(MediaPart(piece));
                else if (piece.StartsWith(SectionPrefix, System.StringComparison.Ordinal)) parts.Add(SectionPart(piece));
                else parts.Add(new TextPart(piece));
            }

            return parts;
        }

        var text = new StringBuilder();
        void FlushText()
        {
            var value = text.ToString();
            if (!JsText.IsBlank(value)) parts.Add(new TextPart(value));
            text.Clear();
        }

        foreach (var item in items)
        {
            switch (item)
            {
                case string s:
                    text.Append(s);
                    break;
                case DotpromptMarker { Kind: MarkerKind.Media } media:
                    FlushText();
                    parts.Add(MediaPart(DotpromptMarker.Open + media.Body));
                    break;
                case DotpromptMarker section:
                    FlushText();
                    parts.Add(SectionPart(DotpromptMarker.Open + section.Body));
                    break;
            }
        }

        FlushText();
        return parts;
    }

    /// <summary>Dotprompt's parseMediaPart: the marker split on spaces is [prefix, url, contentType].</summary>
    private static PromptPart MediaPart(string piece)
    {
        var fields = piece.Split(' ');
        var url = fields.Length > 1 ? fields[1] : "undefined";
        var contentType = fields.Length > 2 && fields[2].Length > 0 ? fields[2] : null;
        return new MediaPart(url, contentType);
    }

    private static PromptPart SectionPart(string piece)
    {
        var fields = piece.Split(' ');
        return new PendingPart(fields.Length > 1 ? fields[1] : "undefined");
    }

    private static PromptMessage AsHistory(PromptMessage message)
    {
        var metadata = new List<KeyValuePair<string, PromptValue>>();
        if (message.Metadata is { Kind: PromptValueKind.Object } existing) metadata.AddRange(existing.Properties);
        metadata.Add(new KeyValuePair<string, PromptValue>("purpose", PromptValue.String("history")));
        return new PromptMessage(message.Role, message.Content, PromptValue.Object(metadata), message.AdditionalProperties);
    }

    private static IReadOnlyList<PromptMessage> InsertHistory(List<PromptMessage> messages, IReadOnlyList<PromptMessage>? history)
    {
        if (history is null) return messages;
        if (messages.Any(m => m.Metadata?["purpose"] is { Kind: PromptValueKind.String } p && p.AsString == "history")) return messages;
        if (messages.Count == 0) return history.ToList();
        var last = messages[messages.Count - 1];
        if (last.Role == "user")
        {
            return messages.Take(messages.Count - 1).Concat(history).Concat(new[] { last }).ToList();
        }

        return messages.Concat(history).ToList();
    }
}
