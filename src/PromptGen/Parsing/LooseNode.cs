namespace PromptGen;

internal enum LooseKind
{
    Object,
    Array,
    /// <summary>A quoted string; <see cref="LooseNode.Text"/> holds the unescaped content.</summary>
    String,
    /// <summary>A number; <see cref="LooseNode.Text"/> holds valid JSON number text.</summary>
    Number,
    True,
    False,
    Null,
    /// <summary>An unquoted word or phrase that is no JSON literal; <see cref="LooseNode.Text"/> holds it trimmed.</summary>
    Bare,
}

/// <summary>A value read by the tolerant tokenizer, located in the original text.</summary>
internal sealed class LooseNode(LooseKind kind, int start)
{
    public LooseKind Kind { get; } = kind;

    public int Start { get; } = start;

    /// <summary>Offset just past the value (for containers: past the closing bracket, or the end of a truncated text).</summary>
    public int End { get; set; }

    public string? Text { get; set; }

    public LooseNode[]? Items { get; set; }

    public LooseMember[]? Members { get; set; }

    public int Length => End - Start;

    public string Describe() => Kind switch
    {
        LooseKind.Object => "an object",
        LooseKind.Array => "an array",
        LooseKind.String => "the string \"" + Shorten(Text) + "\"",
        LooseKind.Number => "the number " + Shorten(Text),
        LooseKind.True => "true",
        LooseKind.False => "false",
        LooseKind.Null => "null",
        _ => "the text '" + Shorten(Text) + "'",
    };

    private static string Shorten(string? text)
    {
        text ??= string.Empty;
        return text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}

internal readonly record struct LooseMember(string Key, int KeyStart, int KeyLength, LooseNode Value);
