using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using PromptGen.Streaming;

namespace PromptGen.Fuzz;

/// <summary>
/// The <c>stream</c> target: <see cref="StreamingJsonReader"/>, which reads an answer as it streams, fed the same text
/// whole, in chunks of characters and in chunks of UTF-8 bytes. It promises never to throw and that chunks may split
/// anything (an escape, a surrogate pair, a UTF-8 sequence), so once the whole answer has arrived all three readers
/// must hold the same values. The first character of an input chooses the chunk sizes; the rest is the answer.
/// </summary>
internal static class StreamedJson
{
    public static void Run(string input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var random = new Random(input[0]);
        var text = input.Substring(1);

        var whole = new StreamingJsonReader();
        whole.Append(text);
        whole.Complete();

        var byChars = new StreamingJsonReader();
        for (var at = 0; at < text.Length;)
        {
            var length = Math.Min(random.Next(1, 9), text.Length - at);
            byChars.Append(text.Substring(at, length));
            at += length;
        }

        byChars.Complete();
        Require(Describe(whole), Describe(byChars), "in chunks of characters");

        // Bytes go through UTF-8, where a lone surrogate becomes U+FFFD: compare with that text read whole.
        var utf8 = Encoding.UTF8.GetBytes(text);
        var wholeDecoded = new StreamingJsonReader();
        wholeDecoded.Append(Encoding.UTF8.GetString(utf8));
        wholeDecoded.Complete();
        var byBytes = new StreamingJsonReader();
        for (var at = 0; at < utf8.Length;)
        {
            var length = Math.Min(random.Next(1, 6), utf8.Length - at);
            byBytes.AppendUtf8(utf8.AsSpan(at, length).ToArray());
            at += length;
        }

        byBytes.Complete();
        Require(Describe(wholeDecoded), Describe(byBytes), "in chunks of UTF-8 bytes");
    }

    private static void Require(string whole, string chunked, string how)
    {
        if (!string.Equals(whole, chunked, StringComparison.Ordinal))
        {
            throw new FuzzFinding($"read {how}, the answer gave other values than read whole:\n  whole:   {whole}\n  chunked: {chunked}");
        }
    }

    /// <summary>Everything a reader shows of the answer, as one line: state, and every node with its kind, completeness and text.</summary>
    private static string Describe(StreamingJsonReader reader)
    {
        var builder = new StringBuilder();
        builder.Append(reader.IsDone ? "done " : reader.IsStopped ? "stopped " : "open ");
        Describe(reader.Root, builder);
        return builder.ToString();
    }

    private static void Describe(StreamingNode? node, StringBuilder builder)
    {
        if (node is null)
        {
            builder.Append('_');
            return;
        }

        builder.Append(node.IsComplete ? '+' : '~');
        switch (node)
        {
            case StreamingObject obj:
                builder.Append('{');
                foreach (var property in obj.Properties)
                {
                    builder.Append(System.Text.Json.JsonSerializer.Serialize(property.Key)).Append(':');
                    Describe(property.Value, builder);
                    builder.Append(',');
                }

                builder.Append('}');
                break;
            case StreamingArray array:
                builder.Append('[');
                foreach (var item in array.Items)
                {
                    Describe(item, builder);
                    builder.Append(',');
                }

                builder.Append(']');
                break;
            case StreamingString str:
                builder.Append(System.Text.Json.JsonSerializer.Serialize(str.Text));
                break;
            case StreamingScalar scalar:
                builder.Append(node.Kind).Append(' ').Append(scalar.Text);
                break;
            default:
                builder.Append(node.Kind);
                break;
        }
    }

    /// <summary>The json target's seeds, each behind a character that picks the chunk sizes.</summary>
    public static IEnumerable<(string, string)> Seeds(string root) =>
        StrictJson.Seeds(root).Select((seed, i) => (seed.Item1, (char)('A' + i % 26) + seed.Item2));
}
