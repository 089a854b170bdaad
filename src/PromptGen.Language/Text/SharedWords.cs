namespace PromptGen.Language.Text;

/// <summary>
/// The words every prompt file repeats (frontmatter keys, schema keywords and type names, Dotprompt helpers and roles),
/// each as one string instance. Slicing them out of a file returns the shared instance instead of a new copy: parsed
/// prompts are kept between builds by the compiler server, and without this each file keeps its own copies of the
/// same few dozen words.
/// </summary>
internal static class SharedWords
{
    private static readonly string[] s_words =
    {
        // Frontmatter (Dotprompt's keys and the common model config).
        "name", "variant", "version", "description", "model", "config", "input", "output", "tools", "toolDefs", "metadata",
        "schema", "format", "default", "ext", "raw", "temperature", "maxOutputTokens", "topK", "topP", "stopSequences",
        "json", "text",
        // JSON Schema and Picoschema.
        "type", "properties", "required", "items", "enum", "additionalProperties", "string", "number", "integer",
        "boolean", "object", "array", "null", "true", "false", "any", "minimum", "maximum",
        // Template helpers, roles and keywords.
        "role", "if", "unless", "each", "with", "else", "this", "media", "history", "section", "lookup", "log", "url",
        "contentType", "system", "user", "@index", "@key", "@first", "@last", "@root",
        // Template text between tags that stand on lines of their own.
        "\n", "\n\n", "\r\n", " ",
    };

    private static readonly string[][] s_byLength = GroupByLength(s_words);

    /// <summary>
    /// <c>text[start..start+length)</c>: the shared instance when it is one of the words, <paramref name="text"/> itself
    /// when that is the whole of it, else a new string.
    /// </summary>
    public static string Slice(string text, int start, int length) =>
        Find(text, start, length) ?? (start == 0 && length == text.Length ? text : text.Substring(start, length));

    /// <summary>The shared instance of <paramref name="value"/> when it is one of the words, else <paramref name="value"/> itself.</summary>
    public static string Share(string value) => Find(value, 0, value.Length) ?? value;

    private static string? Find(string text, int start, int length)
    {
        if (length == 0 || length >= s_byLength.Length) return null;
        foreach (var word in s_byLength[length])
        {
            if (word[0] == text[start] && string.CompareOrdinal(text, start, word, 0, length) == 0) return word;
        }

        return null;
    }

    private static string[][] GroupByLength(string[] words)
    {
        var longest = 0;
        foreach (var word in words) longest = Math.Max(longest, word.Length);
        var groups = new List<string>[longest + 1];
        for (var i = 0; i < groups.Length; i++) groups[i] = new List<string>();
        foreach (var word in words)
        {
            if (!groups[word.Length].Contains(word)) groups[word.Length].Add(word);
        }

        var result = new string[groups.Length][];
        for (var i = 0; i < groups.Length; i++) result[i] = groups[i].ToArray();
        return result;
    }
}
