using PromptGen.Language.Values;

namespace PromptGen.Language.Rendering;

/// <summary>One part of a message's content, shaped like Dotprompt's <c>Part</c>.</summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
abstract class PromptPart
{
    protected PromptPart(PromptValue? metadata) => Metadata = metadata;

    /// <summary>The part's <c>metadata</c>, if any.</summary>
    public PromptValue? Metadata { get; }

    /// <summary>The part as Dotprompt's JSON, e.g. <c>{"text": "..."}</c>.</summary>
    public abstract PromptValue ToValue();

    /// <summary>Reads a Dotprompt part; shapes PromptGen has no class for are kept verbatim as <see cref="DataPart"/>.</summary>
    public static PromptPart FromValue(PromptValue value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        if (value.Kind != PromptValueKind.Object) return new DataPart(value);
        var metadata = value["metadata"];
        var keys = value.Properties.Count - (metadata is null ? 0 : 1);
        if (keys == 1 && value["text"] is { Kind: PromptValueKind.String } text)
        {
            return new TextPart(text.AsString, metadata);
        }

        if (keys == 1 && value["media"] is { Kind: PromptValueKind.Object } media && media["url"] is { Kind: PromptValueKind.String } url)
        {
            var contentType = media["contentType"];
            var mediaKeys = media.Properties.Count - (contentType is null ? 0 : 1);
            if (mediaKeys == 1 && (contentType is null || contentType.Kind == PromptValueKind.String))
            {
                return new MediaPart(url.AsString, contentType?.AsString, metadata);
            }
        }

        if (keys == 0 && metadata is { Kind: PromptValueKind.Object } && metadata.Properties.Count == 2 &&
            metadata["purpose"] is { Kind: PromptValueKind.String } purpose && metadata["pending"] is { Kind: PromptValueKind.Boolean } pending && pending.AsBoolean)
        {
            return new PendingPart(purpose.AsString);
        }

        return new DataPart(value);
    }

    protected PromptValue WithMetadata(params (string Key, PromptValue Value)[] properties)
    {
        var list = new List<KeyValuePair<string, PromptValue>>();
        foreach (var (key, item) in properties) list.Add(new KeyValuePair<string, PromptValue>(key, item));
        if (Metadata is not null) list.Add(new KeyValuePair<string, PromptValue>("metadata", Metadata));
        return PromptValue.Object(list);
    }
}

/// <summary><c>{"text": "..."}</c>.</summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
sealed class TextPart : PromptPart
{
    public TextPart(string text, PromptValue? metadata = null)
        : base(metadata) => Text = text ?? throw new ArgumentNullException(nameof(text));

    public string Text { get; }

    public override PromptValue ToValue() => WithMetadata(("text", PromptValue.String(Text)));

    public override string ToString() => Text;
}

/// <summary><c>{"media": {"url": "...", "contentType": "..."}}</c>, made by <c>{{media url=... contentType=...}}</c>.</summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
sealed class MediaPart : PromptPart
{
    public MediaPart(string url, string? contentType = null, PromptValue? metadata = null)
        : base(metadata)
    {
        Url = url ?? throw new ArgumentNullException(nameof(url));
        ContentType = contentType;
    }

    public string Url { get; }

    public string? ContentType { get; }

    public override PromptValue ToValue()
    {
        var media = ContentType is null
            ? PromptValue.Object(("url", PromptValue.String(Url)))
            : PromptValue.Object(("url", PromptValue.String(Url)), ("contentType", PromptValue.String(ContentType)));
        return WithMetadata(("media", media));
    }
}

/// <summary>
/// A placeholder left by <c>{{section "name"}}</c>: <c>{"metadata": {"purpose": "name", "pending": true}}</c>,
/// to be filled by the caller (e.g. with output instructions).
/// </summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
sealed class PendingPart : PromptPart
{
    public PendingPart(string purpose)
        : base(PromptValue.Object(("purpose", PromptValue.String(purpose ?? throw new ArgumentNullException(nameof(purpose)))), ("pending", PromptValue.True)))
    {
        Purpose = purpose;
    }

    public string Purpose { get; }

    public override PromptValue ToValue() => PromptValue.Object(("metadata", Metadata!));
}

/// <summary>Any other part (tool requests, custom data, ...), kept exactly as given, e.g. in history messages.</summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
sealed class DataPart : PromptPart
{
    public DataPart(PromptValue value)
        : base(value?["metadata"]) => Value = value ?? throw new ArgumentNullException(nameof(value));

    public PromptValue Value { get; }

    public override PromptValue ToValue() => Value;
}
