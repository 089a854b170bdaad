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
}
