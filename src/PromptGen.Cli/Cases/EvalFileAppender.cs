using PromptGen.Language.Yaml;

namespace PromptGen.Cli.Cases;

/// <summary>
/// Appends case items to the <c>cases:</c> sequence of an eval file's text, leaving every other character as it is
/// (comments, order, blank lines, line endings): the items go on the lines right after the sequence's last item, before
/// any comment or blank line that follows it. Where the sequence ends is what the YAML reader says, not a guess from
/// indentation. A file without <c>cases</c> gets the key at the end; <c>cases:</c> with nothing or <c>[]</c> after it
/// gets the items below it.
/// </summary>
internal static class EvalFileAppender
{
    /// <exception cref="FormatException"><c>cases</c> is written in a form items cannot be appended to (a flow sequence with items, an alias, not a sequence).</exception>
    public static string Append(string text, IReadOnlyList<List<string>> cases)
    {
        var newline = FirstLineBreak(text) ?? "\n";
        var root = YamlFrontmatterReader.Read(text, "eval file").Root;
        var entry = root is { Kind: YamlSourceNodeKind.Mapping } ? root.FindEntry("cases") : null;
        if (entry is null)
        {
            var separator = text.Length == 0 || text[^1] is '\n' or '\r' ? string.Empty : newline;
            return text + separator + "cases:" + newline + Items(cases, "  ", newline);
        }

        var value = entry.Value;
        var written = text.Substring(value.Span.Start, value.Span.Length);
        if (value.Kind == YamlSourceNodeKind.Sequence && !value.IsAlias && written.StartsWith("-", StringComparison.Ordinal))
        {
            return InsertAfterLineOf(text, value.Span.End, cases, new string(' ', value.Span.StartColumn - 1), newline);
        }

        if (written.Length == 0 && value.Kind == YamlSourceNodeKind.Scalar && value.Value.IsNull)
        {
            return InsertAfterLineOf(text, value.Span.End, cases, "  ", newline);
        }

        if (value.Kind == YamlSourceNodeKind.Sequence && !value.IsAlias && value.Items.Count == 0 && written.StartsWith("[", StringComparison.Ordinal))
        {
            // `cases: []`: the empty flow sequence gives way to the block of new items.
            var withoutBrackets = text.Remove(value.Span.Start, value.Span.Length);
            return InsertAfterLineOf(withoutBrackets, value.Span.Start, cases, "  ", newline);
        }

        throw new FormatException(value.Kind == YamlSourceNodeKind.Sequence && !value.IsAlias
            ? "the eval file writes 'cases:' as a flow sequence; write it as a block sequence (one '- id:' per line) to import into it"
            : "the eval file's 'cases' is not a block sequence of cases (one '- id:' per line); fix it to import into it");
    }

    private static string Items(IReadOnlyList<List<string>> cases, string indent, string newline) =>
        string.Concat(cases.SelectMany(c => c).Select(line => indent + line + newline));

    /// <summary>
    /// Inserts the case lines at the start of the line after the one holding <paramref name="offset"/>, each ending with
    /// the line break that ends that line (so a lone <c>\r</c> never meets a following <c>\n</c> and turns into one break).
    /// </summary>
    private static string InsertAfterLineOf(string text, int offset, IReadOnlyList<List<string>> cases, string indent, string newline)
    {
        var lineBreak = text.IndexOfAny(new[] { '\n', '\r' }, offset);
        if (lineBreak < 0) return text + newline + Items(cases, indent, newline);
        var ending = text[lineBreak] == '\r' && lineBreak + 1 < text.Length && text[lineBreak + 1] == '\n' ? "\r\n" : text[lineBreak].ToString();
        var next = lineBreak + ending.Length;
        return text.Substring(0, next) + Items(cases, indent, ending) + text.Substring(next);
    }

    /// <summary>The file's first line break (<c>\r\n</c>, <c>\n</c> or a lone <c>\r</c>, all line breaks in YAML), for new lines at its end.</summary>
    private static string? FirstLineBreak(string text)
    {
        var at = text.IndexOfAny(new[] { '\n', '\r' });
        if (at < 0) return null;
        return text[at] == '\r' ? (at + 1 < text.Length && text[at + 1] == '\n' ? "\r\n" : "\r") : "\n";
    }
}
