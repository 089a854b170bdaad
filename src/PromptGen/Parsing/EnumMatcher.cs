using System;
using System.Collections.Generic;
using System.Text;

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

    public static string? Match(string text, IReadOnlyList<string> values, out How how, out string? ambiguous)
    {
        ambiguous = null;
        how = How.Case;
        var trimmed = text.Trim().Trim('"', '\'', '`', '.', '!', '*');
        var key = Normalize(trimmed);

        var match = Unique(values, v => Normalize(v) == key, out ambiguous);
        if (match is not null || ambiguous is not null || key.Length == 0)
        {
            return match;
        }

        how = How.PrefixOrWord;
        if (key.Length >= 2)
        {
            match = Unique(values, v => Normalize(v).StartsWith(key, StringComparison.Ordinal), out ambiguous);
            if (match is not null || ambiguous is not null)
            {
                return match;
            }
        }

        // Whole words of the text (runs of letters/digits) compared with the words of each value.
        var words = Words(trimmed);
        if (words.Count == 0 || words.Count > 64)
        {
            return null;
        }

        return Unique(values, v => ContainsWordSequence(words, Words(v)), out ambiguous);
    }

    private static string? Unique(IReadOnlyList<string> values, Func<string, bool> predicate, out string? ambiguous)
    {
        ambiguous = null;
        string? found = null;
        foreach (var value in values)
        {
            if (!predicate(value))
            {
                continue;
            }

            if (found is not null)
            {
                ambiguous = ambiguous is null ? "\"" + found + "\", \"" + value + "\"" : ambiguous + ", \"" + value + "\"";
                continue;
            }

            found = value;
        }

        return ambiguous is null ? found : null;
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
    private static List<string> Words(string text)
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
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
