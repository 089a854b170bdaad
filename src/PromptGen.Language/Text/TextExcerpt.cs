using PromptGen.Language.Values;

namespace PromptGen.Language.Text;

/// <summary>Text quoted in a message, cut to a length the message can carry.</summary>
internal static class TextExcerpt
{
    /// <summary>
    /// <paramref name="text"/> when it has at most <paramref name="maxLength"/> characters, else its start followed by
    /// <paramref name="ellipsis"/>, <paramref name="maxLength"/> characters in all.
    /// </summary>
    public static string Shorten(string text, int maxLength, string ellipsis = "...") =>
        text.Length <= maxLength ? text : text.Substring(0, maxLength - ellipsis.Length) + ellipsis;

    /// <summary>A value as messages name it: "the number 42", "the text \"...\"" (cut to 40 characters), "a list", ...</summary>
    public static string Describe(PromptValue value) => value.Kind switch
    {
        PromptValueKind.Null => "empty (null)",
        PromptValueKind.Boolean => $"the boolean {JsObject.ToJsString(value)}",
        PromptValueKind.Number => $"the number {JsObject.ToJsString(value)}",
        PromptValueKind.String => $"the text \"{Shorten(value.AsString, 40)}\"",
        PromptValueKind.Array => "a list",
        _ => "a mapping",
    };
}
