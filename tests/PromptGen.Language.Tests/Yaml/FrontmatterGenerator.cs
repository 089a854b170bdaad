using System;
using System.Collections.Generic;
using System.Text;

namespace PromptGen.Language.Tests.Yaml;

/// <summary>
/// Random frontmatter-like YAML for comparing the simple scanner with YamlDotNet: the shapes prompts use, with each
/// choice now and then (at the document's own rate) swapped for a construct outside the scanner's subset or a mistake.
/// </summary>
internal sealed class FrontmatterGenerator(Random random, double trickiness)
{
    private const string MutationCharacters = " :-#'\"[]{},\t\n&*!|>";

    private static readonly string[] s_plainValues =
    [
        "hello", "two words", "true", "False", "null", "~", "yes", "1", "-3", "+4", "0x1F", "0o17", "017", ".5", "-.5", "1e3",
        "1.", "-.inf", ".NaN", "2001-12-14", "http://example.com/a:b", "a:b", "a, b", "x [y]", "a]", "a}", "a # comment",
        "a#b", "string, the customer's message", "caf\u00e9", "\U0001F600 smile", "x  ", "<tag>", "1_000", "0b11", "NULL",
        "a\\b", "it's", "say \"hi\"", "1e400", "-0", "0x", "+.5e-3",
    ];

    private static readonly string[] s_quotedValues =
    [
        "'single'", "'it''s'", "''", "\"double\"", "\"\"", "\"q\\\"uote\"", "\"line\\nbreak\"", "\"tab\\tx\"", "\"slash\\/\"",
        "\"nul\\0\"", "'1'", "\"true\"", "'# not a comment'", "\"a \\\\ b\"",
    ];

    private static readonly string[] s_flowValues =
    [
        "[USD, EUR, GBP]", "[]", "[ ]", "[a]", "['x', \"y\", z w]", "[1, -2, .5, true, null]", "[ a , b ]", "['it''s', \"\\n\"]",
    ];

    private static readonly string[] s_keys =
    [
        "name", "model", "description", "config", "temperature", "input", "output", "schema", "format", "items", "ticket",
        "channel?", "category(enum, the queue)", "orders(array, every order)", "1", "null", "true", "0x10", "a b", "'quoted'",
        "\"double\"", "'it''s'", "k#h", "url:x",
    ];

    private static readonly string[] s_trickyValues =
    [
        "-", "-x", "- x", ":x", "?x", "%x", "@x", "`x`", "a: b", "\"hex\\x41\"", "\"uni\\u00e9\"", "\"bell\\a\"", "'unterminated",
        "\"unterminated", "'a' b", "\"a\"b", "[a, ]", "[a,,b]", "[a, [b]]", "[a, {b: c}]", "[a: b]", "[a # c]", "[a", "[a]b",
        "[a]#c", "{a: 1}", "{}", "[http://x]", "&anchor value", "*alias", "!!str 1", "!custom x", "|\n  block\n  text",
        ">-\n  folded\n  text", "|", "\"multi\n  line\"", "'multi\n  line'", "plain\n  continued", "\tx", "x # tight#",
    ];

    private static readonly string[] s_trickyKeys = ["key with: colon", "?explicit", "-dash", "&anchored", "!tagged", "[a]", "? x"];

    public string Document()
    {
        var text = new StringBuilder();
        if (Tricky()) text.Append(random.Next(2) == 0 ? "%YAML 1.2\n---\n" : "---\n");
        Mapping(text, indent: random.Next(10) == 0 ? 2 : 0, depth: 0);
        if (Tricky()) text.Append("...\n");
        var yaml = text.ToString().TrimEnd('\n');
        if (Tricky()) yaml = Mutate(yaml);
        return yaml;
    }

    private bool Tricky() => random.NextDouble() < trickiness;

    /// <summary>Deletes, doubles or inserts a character somewhere, or swaps spaces for tabs.</summary>
    private string Mutate(string yaml)
    {
        if (yaml.Length == 0) return yaml;
        var at = random.Next(yaml.Length);
        return random.Next(4) switch
        {
            0 => yaml.Remove(at, 1),
            1 => yaml.Insert(at, yaml[at].ToString()),
            2 => yaml.Insert(at, MutationCharacters[random.Next(MutationCharacters.Length)].ToString()),
            _ => yaml.Replace(" ", "\t"),
        };
    }

    private void Mapping(StringBuilder text, int indent, int depth, bool firstInline = false)
    {
        var count = 1 + random.Next(depth == 0 ? 6 : 4);
        var used = new List<string>();
        for (var i = 0; i < count; i++)
        {
            // The first key of a mapping started on a dash's line stays on that line.
            if (!(firstInline && i == 0))
            {
                Noise(text, indent);
                text.Append(' ', indent);
            }

            var key = Tricky() ? (used.Count > 0 && random.Next(2) == 0 ? used[random.Next(used.Count)] : Pick(s_trickyKeys)) : Pick(s_keys);
            if (used.Contains(key) && !Tricky()) key = NewKey(used);
            used.Add(key);
            text.Append(key).Append(':');
            Value(text, indent, depth, inSequence: false);
        }
    }

    private void Sequence(StringBuilder text, int indent, int depth)
    {
        var count = 1 + random.Next(4);
        for (var i = 0; i < count; i++)
        {
            Noise(text, indent);
            text.Append(' ', indent).Append('-');
            if (depth < 5 && random.Next(4) == 0)
            {
                // A mapping started on the dash's line.
                var spaces = random.Next(8) == 0 ? 3 : 1;
                text.Append(' ', spaces);
                Mapping(text, indent + 1 + spaces, depth + 1, firstInline: true);
                continue;
            }

            Value(text, indent, depth, inSequence: true);
        }
    }

    private void Value(StringBuilder text, int indent, int depth, bool inSequence)
    {
        var choice = random.Next(20);
        if (depth < 5 && choice < 4)
        {
            Comment(text);
            text.Append('\n');
            var step = Tricky() ? 1 + random.Next(4) : 2;
            Mapping(text, indent + step, depth + 1);
            return;
        }

        if (depth < 5 && choice < 7)
        {
            Comment(text);
            text.Append('\n');
            var indentless = !inSequence && random.Next(3) == 0;
            Sequence(text, indentless ? indent : indent + 2, depth + 1);
            return;
        }

        if (choice == 7)
        {
            // Nothing: an empty value.
            Comment(text);
            text.Append('\n');
            return;
        }

        text.Append(' ', random.Next(6) == 0 ? 3 : 1);
        var pick = random.Next(20);
        var value = Tricky() ? Pick(s_trickyValues)
            : pick < 10 ? Pick(s_plainValues)
            : pick < 15 ? Pick(s_quotedValues)
            : Pick(s_flowValues);
        text.Append(value.Replace("\n", "\n" + new string(' ', indent)));
        if (random.Next(8) == 0) text.Append("  ");
        Comment(text);
        text.Append('\n');
    }

    private void Comment(StringBuilder text)
    {
        if (random.Next(6) == 0) text.Append("  # note: [x]");
    }

    private void Noise(StringBuilder text, int indent)
    {
        var choice = random.Next(14);
        if (choice == 0) text.Append('\n');
        else if (choice == 1) text.Append(' ', random.Next(indent + 3)).Append("# a comment line\n");
        else if (choice == 2) text.Append("   \n");
    }

    /// <summary>A key not used yet in the mapping (the list's keys are all different values).</summary>
    private static string NewKey(List<string> used)
    {
        foreach (var key in s_keys)
        {
            if (!used.Contains(key)) return key;
        }

        return "extra" + used.Count;
    }

    private string Pick(string[] choices) => choices[random.Next(choices.Length)];
}
