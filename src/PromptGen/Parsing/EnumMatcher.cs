namespace PromptGen;

/// <summary>
/// Finds the enum value a model meant: same letters ignoring case and separators, else the unique value the text
/// is a prefix of, else the unique value that appears as a word (or word sequence) in the text.
/// </summary>
internal static class EnumMatcher
{
    public enum How
    {
        Case,
        PrefixOrWord,
    }

    public static string? Match(string text, OutputShape shape, out How how, out string? ambiguous)
    {
        ambiguous = null;
        how = How.Case;
        var values = shape.EnumValues;
        var index = shape.EnumIndex;
        var trimmed = text.Trim().Trim('"', '\'', '`', '.', '!', '*');
        var key = Normalize(trimmed);

        var found = -1;
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(index.Keys[i], key, StringComparison.Ordinal) && !Add(ref found, i, values, ref ambiguous))
            {
                return null;
            }
        }

        if (found >= 0 || key.Length == 0)
        {
            return found >= 0 ? values[found] : null;
        }

        how = How.PrefixOrWord;
        if (key.Length >= 2)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (index.Keys[i].StartsWith(key, StringComparison.Ordinal) && !Add(ref found, i, values, ref ambiguous))
                {
                    return null;
                }
            }

            if (found >= 0)
            {
                return values[found];
            }
        }

        // Whole words of the text (runs of letters/digits) compared with the words of each value.
        var words = Words(trimmed);
        if (words.Count == 0 || words.Count > 64)
        {
            return null;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (ContainsWordSequence(words, index.Words[i]) && !Add(ref found, i, values, ref ambiguous))
            {
                return null;
            }
        }

        return found >= 0 ? values[found] : null;
    }

    /// <summary>Records a match; false (with the ambiguous list) when a different value matched before.</summary>
    private static bool Add(ref int found, int index, IReadOnlyList<string> values, ref string? ambiguous)
    {
        if (found < 0)
        {
            found = index;
            return true;
        }

        ambiguous = "\"" + values[found] + "\", \"" + values[index] + "\"";
        return false;
    }

    /// <summary>Per-shape precomputed forms of the enum values.</summary>
    internal sealed class EnumIndexData
    {
        public EnumIndexData(IReadOnlyList<string> values)
        {
            Keys = new string[values.Count];
            Words = new List<string>[values.Count];
            for (var i = 0; i < values.Count; i++)
            {
                Keys[i] = Normalize(values[i]);
                Words[i] = EnumMatcher.Words(values[i]);
            }
        }

        public string[] Keys { get; }

        public List<string>[] Words { get; }
    }

    private static bool ContainsWordSequence(List<string> words, List<string> sequence)
    {
        if (sequence.Count == 0 || sequence.Count > words.Count)
        {
            return false;
        }

        for (var i = 0; i + sequence.Count <= words.Count; i++)
        {
            var all = true;
            for (var j = 0; j < sequence.Count; j++)
            {
                if (!string.Equals(words[i + j], sequence[j], StringComparison.Ordinal))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower-case words; camelCase boundaries split words too ("inProgress" → in, progress).</summary>
    internal static List<string> Words(string text)
    {
        var words = new List<string>();
        var builder = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (builder.Length > 0 && char.IsUpper(c) && char.IsLower(text[i - 1]))
                {
                    words.Add(builder.ToString());
                    builder.Clear();
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0)
            {
                words.Add(builder.ToString());
                builder.Clear();
            }
        }

        if (builder.Length > 0)
        {
            words.Add(builder.ToString());
        }

        return words;
    }

    private static string Normalize(string text)
    {
        // Short texts are gathered on the stack: the only allocation is the result.
        Span<char> kept = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                kept[length++] = char.ToLowerInvariant(c);
            }
        }

        return length == text.Length && IsSame(kept, text) ? text : kept.Slice(0, length).ToString();
    }

    private static bool IsSame(ReadOnlySpan<char> kept, string text) => kept.SequenceEqual(text.AsSpan());
}
