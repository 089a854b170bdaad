using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromptGen.Streaming;
using PromptGen.Tests.Corpus;

namespace PromptGen.Tests.Streaming;

public sealed class StreamingJsonReaderTests
{
    private static readonly string CorpusRoot = Path.Combine(AppContext.BaseDirectory, "ParsingCorpus");
    private static readonly Lazy<Dictionary<string, OutputShape>> Shapes = new(() => CorpusShapes.Load(CorpusRoot));

    private const string Sample = """
        Here you go:
        ```json
        {"name": "Zoë \"Z\" 😀", "n": -12.5e2, "ok": true, "none": null, "tags": ["a\\b", "c\u00e9\ud83d\ude00"],
         "nested": {"deep": [[1, 2], []], "empty": {}}, "last": "x"}
        ```
        """;

    [Fact]
    public void Reads_a_whole_answer_into_the_same_value_as_a_JSON_parser()
    {
        var reader = Read(Sample, 1);

        Assert.True(reader.IsDone);
        AssertSameJson(Sample.Substring(Sample.IndexOf('{'), Sample.LastIndexOf('}') - Sample.IndexOf('{') + 1), StreamingJson.ToJson(reader.Root!));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Chunk_boundaries_anywhere_give_the_same_value(int size)
    {
        var whole = StreamingJson.ToJson(Read(Sample, Sample.Length).Root!);

        Assert.Equal(whole, StreamingJson.ToJson(Read(Sample, size).Root!));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Strings_keep_their_text_while_later_strings_and_a_long_one_share_and_outgrow_the_buffers(int size)
    {
        // Many short strings, then one far longer than a buffer, then short ones again: each text read along the
        // way must still read the same at the end (strings share buffers, and a growing one moves).
        var items = Enumerable.Range(0, 300).Select(i => $"item-{i}-é").Append(new string('x', 20_000) + "😀").Concat(Enumerable.Range(0, 50).Select(i => $"after-{i}")).ToList();
        var json = "[" + string.Join(",", items.Select(i => "\"" + i + "\"")) + "]";
        var reader = new StreamingJsonReader();
        var seen = new List<(StreamingString Node, int Length, string Text)>();
        for (var at = 0; at < json.Length; at += size)
        {
            reader.Append(json.Substring(at, Math.Min(size, json.Length - at)));
            if (reader.Root is StreamingArray { Items.Count: > 0 } array && array.Items[^1] is StreamingString last)
            {
                seen.Add((last, last.Text.Length, last.Text));
            }
        }

        var strings = ((StreamingArray)reader.Root!).Items.Cast<StreamingString>().ToList();
        Assert.Equal(items, strings.Select(s => s.Text));
        Assert.All(seen, s => Assert.Equal(s.Text, s.Node.Text.Substring(0, s.Length)));
        Assert.Contains(seen, s => s.Length > 0 && s.Text.StartsWith("xxx", StringComparison.Ordinal) && s.Length < 20_000);
    }

    [Fact]
    public void Every_split_into_two_chunks_gives_the_same_value_including_inside_escapes_and_surrogate_pairs()
    {
        var whole = StreamingJson.ToJson(Read(Sample, Sample.Length).Root!);
        for (var cut = 0; cut <= Sample.Length; cut++)
        {
            var reader = new StreamingJsonReader();
            reader.Append(Sample.Substring(0, cut));
            reader.Append(Sample.Substring(cut));
            Assert.Equal(whole, StreamingJson.ToJson(reader.Root!));
        }
    }

    [Fact]
    public void Utf8_chunks_split_inside_a_multibyte_sequence_give_the_same_value()
    {
        var bytes = Encoding.UTF8.GetBytes(Sample);
        var whole = StreamingJson.ToJson(Read(Sample, Sample.Length).Root!);
        for (var size = 1; size <= 5; size++)
        {
            var reader = new StreamingJsonReader();
            for (var i = 0; i < bytes.Length; i += size)
                reader.AppendUtf8(bytes.Skip(i).Take(size).ToArray());
            Assert.Equal(whole, StreamingJson.ToJson(reader.Root!));
        }
    }

    [Fact]
    public void An_open_string_never_shows_half_a_surrogate_pair()
    {
        var reader = new StreamingJsonReader();
        reader.Append("{\"a\": \"x\ud83d");
        var text = ((StreamingString)((StreamingObject)reader.Root!).Get("a")!).Text;

        Assert.Equal("x", text);
        reader.Append("\ude00\"}");
        Assert.Equal("x😀", ((StreamingString)((StreamingObject)reader.Root!).Get("a")!).Text);
    }

    [Fact]
    public void Values_only_grow_chunk_after_chunk()
    {
        var reader = new StreamingJsonReader();
        JsonNode? previous = null;
        foreach (var chunk in Chunks(Sample, 1))
        {
            reader.Append(chunk);
            if (reader.Root is null) continue;
            var next = JsonNode.Parse(StreamingJson.ToJson(reader.Root));
            Assert.True(JsonGrowth.Grows(previous, next, out var difference), difference);
            previous = next;
        }
    }

    [Fact]
    public void A_field_is_complete_once_the_model_has_moved_past_it()
    {
        var reader = new StreamingJsonReader();
        reader.Append("{\"a\": \"done\", \"b\": 12");
        var root = (StreamingObject)reader.Root!;

        Assert.Equal(1, root.CompletedCount);
        Assert.Null(root.Get("b"));
        Assert.True(root.Get("a")!.IsComplete);
        reader.Append(",");
        Assert.Equal(2, root.CompletedCount);
        Assert.Equal("12", ((StreamingScalar)root.Get("b")!).Text);
        Assert.False(root.IsComplete);
        reader.Append(" \"c\": [1, {\"d\": 2}");
        var c = (StreamingArray)root.Get("c")!;
        Assert.Equal(2, c.CompletedCount);
        Assert.False(c.IsComplete);
        reader.Append("]}");
        Assert.True(root.IsComplete);
        Assert.Equal(3, root.CompletedCount);
        Assert.True(reader.IsDone);
    }

    [Fact]
    public void Completeness_is_visible_on_each_snapshot_of_the_fields()
    {
        var reader = new StreamingJsonReader();
        reader.Append("{\"a\": \"x\", \"b\": \"y");
        var first = PartialFields.Of((StreamingObject)reader.Root!);
        reader.Append("\"}");
        var second = PartialFields.Of((StreamingObject)reader.Root!);

        Assert.True(first.IsComplete("a"));
        Assert.True(first.IsStarted("b"));
        Assert.False(first.IsComplete("b"));
        Assert.False(first.IsClosed);
        Assert.True(second.IsComplete("b"));
        Assert.True(second.IsClosed);
        Assert.Equal(new[] { "a", "b" }, second.Completed);
    }

    [Fact]
    public void The_version_moves_only_on_visible_changes()
    {
        var reader = new StreamingJsonReader();
        reader.Append("{\"n\": ");
        var before = reader.Version;
        reader.Append("  12");

        Assert.Equal(before, reader.Version);
        reader.Append(" ");
        Assert.True(reader.Version > before);
    }

    [Fact]
    public void A_number_at_the_very_end_completes_when_the_answer_ends()
    {
        var reader = new StreamingJsonReader();
        reader.Append("[1, 2");
        Assert.Equal(1, ((StreamingArray)reader.Root!).Items.Count);

        reader.Complete();
        Assert.Equal(2, ((StreamingArray)reader.Root!).Items.Count);
    }

    [Theory]
    [InlineData("{\"a\": 1,}", "{\"a\":1}")]
    [InlineData("[1, 2,]", "[1,2]")]
    [InlineData("{'a': 'b'}", "{\"a\":\"b\"}")]
    [InlineData("prose { \"a\": True } more prose {\"b\": 1}", "{\"a\":true}")]
    public void Lenient_forms_are_read(string text, string expected)
    {
        Assert.Equal(expected, StreamingJson.ToJson(Read(text, 1).Root!));
    }

    [Theory]
    [InlineData("{\"a\": 1 \"b\": 2}", "{\"a\":1}")]
    [InlineData("{a: 1}", "{}")]
    [InlineData("{\"a\": [1, }", "{\"a\":[1]}")]
    public void Text_that_is_not_JSON_stops_the_reader_and_keeps_what_was_read(string text, string expected)
    {
        var reader = Read(text, 1);

        Assert.True(reader.IsStopped);
        Assert.Equal(expected, StreamingJson.ToJson(reader.Root!));
    }

    [Fact]
    public void Deep_nesting_stops_instead_of_overflowing()
    {
        var reader = Read(new string('[', 100_000), 1000);

        Assert.True(reader.IsStopped);
    }

    [Fact]
    public void Random_text_never_throws()
    {
        var random = new Random(12345);
        const string alphabet = "{}[]\"':,\\u0aZ9 -.e\n\ud83d\ude00tfn";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 60)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var reader = Read(text, random.Next(1, 5));
            reader.Complete();
            if (reader.Root is not null) StreamingJson.ToJson(reader.Root);
        }
    }

    public static IEnumerable<object[]> CorpusCases() => CorpusCase.LoadAll(CorpusRoot).Select(c => new object[] { c.Id });

    /// <summary>
    /// On every corpus answer: 1-character chunks give the same values as one chunk; and where the whole parse needed no
    /// repair of the JSON itself, the streamed value equals what the whole <c>Parse</c> produced.
    /// </summary>
    [Theory]
    [MemberData(nameof(CorpusCases))]
    public void Corpus_answer_streamed_in_one_character_chunks(string id)
    {
        var corpusCase = CorpusCase.Load(CorpusRoot, Path.Combine(CorpusRoot, id + ".txt"));
        var chunked = Read(corpusCase.ModelText, 1);
        var whole = Read(corpusCase.ModelText, Math.Max(1, corpusCase.ModelText.Length));
        chunked.Complete();
        whole.Complete();

        Assert.Equal(whole.Root is null ? null : StreamingJson.ToJson(whole.Root), chunked.Root is null ? null : StreamingJson.ToJson(chunked.Root));
        var outcome = SchemaAlignedParser.Parse(corpusCase.ModelText, Shapes.Value[corpusCase.Shape]);
        var onlyLocated = outcome.Report.Repairs.All(r => r.Kind is PromptRepairKind.StrippedCodeFence or PromptRepairKind.StrippedProse);
        if (outcome.Success && onlyLocated && chunked.IsDone)
        {
            using var expected = JsonDocument.Parse(outcome.Utf8Json);
            using var actual = JsonDocument.Parse(StreamingJson.ToJson(chunked.Root!));
            Assert.True(JsonEquivalence.AreEquivalent(expected.RootElement, actual.RootElement, out var difference), difference);
        }
    }

    [Fact]
    public void Most_clean_corpus_answers_stream_to_exactly_the_parsed_value()
    {
        var compared = 0;
        foreach (var corpusCase in CorpusCase.LoadAll(CorpusRoot))
        {
            var outcome = SchemaAlignedParser.Parse(corpusCase.ModelText, Shapes.Value[corpusCase.Shape]);
            if (outcome.Success && outcome.Report.Repairs.Count == 0 && Read(corpusCase.ModelText, 1).IsDone) compared++;
        }

        Assert.True(compared >= 10, $"only {compared} clean answers compared");
    }

    private static StreamingJsonReader Read(string text, int size)
    {
        var reader = new StreamingJsonReader();
        foreach (var chunk in Chunks(text, size)) reader.Append(chunk);
        return reader;
    }

    private static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size) yield return text.Substring(i, Math.Min(size, text.Length - i));
    }

    private static void AssertSameJson(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        Assert.True(JsonEquivalence.AreEquivalent(e.RootElement, a.RootElement, out var difference), difference);
    }
}
