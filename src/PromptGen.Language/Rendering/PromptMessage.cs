using PromptGen.Language.Values;

namespace PromptGen.Language.Rendering;

/// <summary>A rendered message, shaped like Dotprompt's <c>Message</c>: <c>{"role", "content", "metadata"?}</c>.</summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
sealed class PromptMessage
{
    public PromptMessage(string role, IReadOnlyList<PromptPart> content, PromptValue? metadata = null)
        : this(role, content, metadata, Array.Empty<KeyValuePair<string, PromptValue>>())
    {
    }

    public PromptMessage(string role, IReadOnlyList<PromptPart> content, PromptValue? metadata, IReadOnlyList<KeyValuePair<string, PromptValue>> additionalProperties)
    {
        Role = role ?? throw new ArgumentNullException(nameof(role));
        Content = content ?? throw new ArgumentNullException(nameof(content));
        Metadata = metadata;
        AdditionalProperties = additionalProperties ?? Array.Empty<KeyValuePair<string, PromptValue>>();
    }

    /// <summary><c>user</c>, <c>model</c>, <c>system</c> or <c>tool</c> (any lowercase name the template chose).</summary>
    public string Role { get; }

    public IReadOnlyList<PromptPart> Content { get; }

    /// <summary>For example <c>{"purpose": "history"}</c> on messages that came from the conversation history.</summary>
    public PromptValue? Metadata { get; }

    /// <summary>Other keys of a message given as data (kept so history round-trips unchanged).</summary>
    public IReadOnlyList<KeyValuePair<string, PromptValue>> AdditionalProperties { get; }

    /// <summary>All text parts joined, for convenience.</summary>
    public string Text => string.Concat(Content.OfType<TextPart>().Select(p => p.Text));

    public PromptValue ToValue()
    {
        var properties = new List<KeyValuePair<string, PromptValue>>
        {
            new("role", PromptValue.String(Role)),
            new("content", PromptValue.Array(Content.Select(p => p.ToValue()))),
        };
        if (Metadata is not null) properties.Add(new KeyValuePair<string, PromptValue>("metadata", Metadata));
        properties.AddRange(AdditionalProperties);
        return PromptValue.Object(properties);
    }

    /// <summary>Reads a Dotprompt message such as <c>{"role": "user", "content": [{"text": "hi"}]}</c>.</summary>
    public static PromptMessage FromValue(PromptValue value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        if (value.Kind != PromptValueKind.Object) throw new ArgumentException("A message must be a JSON object.", nameof(value));
        var role = value["role"] is { Kind: PromptValueKind.String } r ? r.AsString : "user";
        var content = value["content"] is { Kind: PromptValueKind.Array } c
            ? c.Items.Select(PromptPart.FromValue).ToArray()
            : Array.Empty<PromptPart>();
        var extra = value.Properties.Where(p => p.Key != "role" && p.Key != "content" && p.Key != "metadata").ToArray();
        return new PromptMessage(role, content, value["metadata"], extra);
    }

    public override string ToString() => ToValue().ToString();
}
