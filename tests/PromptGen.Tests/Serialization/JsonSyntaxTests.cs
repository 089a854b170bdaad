using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using PromptGen.Serialization;

namespace PromptGen.Tests.Serialization;

/// <summary>
/// The syntax pre-check must accept exactly what the strict path can read without an exception: everything
/// <see cref="Utf8JsonReader"/> reads to the end (with <c>GetString</c> on every string) and nothing else.
/// </summary>
public sealed class JsonSyntaxTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData(" [ ] ")]
    [InlineData("0")]
    [InlineData("-0.5e+10")]
    [InlineData("\"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\"")]
    [InlineData("\"\\ud83d\\ude00\"")]
    [InlineData("{\"a\":[1,true,false,null,{\"b\":\"c\"}],\"a\":2}")]
    [InlineData("\t\r\n{\"é\": \"ü\"}\n")]
    public void Valid_json_passes(string json) => AssertAgrees(json, expected: true);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[1,]")]
    [InlineData("[,1]")]
    [InlineData("{a:1}")]
    [InlineData("{'a':1}")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{} {}")]
    [InlineData("{} x")]
    [InlineData("01")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("-")]
    [InlineData("1e")]
    [InlineData("+1")]
    [InlineData("truex")]
    [InlineData("nul")]
    [InlineData("NaN")]
    [InlineData("\"a")]
    [InlineData("\"a\nb\"")]
    [InlineData("\"\\x\"")]
    [InlineData("\"\\u12\"")]
    [InlineData("\"\\ud83d\"")]
    [InlineData("\"\\ude00\"")]
    [InlineData("\"\\ud83d\\u0041\"")]
    [InlineData("// comment\n{}")]
    [InlineData("{} /* c */")]
    [InlineData("\ufeff{}")]
    [InlineData("```json\n{}\n```")]
    [InlineData("{}\u0000")]
    [InlineData("1\u0000")]
    [InlineData("\"a\u0000\"")]
    [InlineData("[1\u0000]")]
    [InlineData("{\"a\u0000\":1}")]
    [InlineData("\"\\\u0000\"")]
    [InlineData("\"\\u00\u0000\"")]
    [InlineData("tru\u0000")]
    [InlineData("fals\u0000")]
    public void Invalid_json_fails(string json) => AssertAgrees(json, expected: false);

    [Theory]
    [InlineData(1_000)]
    [InlineData(1_100)]
    [InlineData(70_000)]
    public void Long_texts_get_the_readers_verdict(int length)
    {
        // Past the stack copy and past the stack buffer of the strict read: the pooled buffers carry the padding too.
        var content = new string('a', length);
        AssertAgrees("\"" + content + "\"", expected: true);
        AssertAgrees("[\"" + content + "\",1]", expected: true);
        AssertAgrees("\"" + content, expected: false);
        AssertAgrees("[\"" + content + "\",]", expected: false);
    }

    [Fact]
    public void The_strict_read_does_not_see_the_bytes_a_previous_read_left_after_the_text()
    {
        // The strict read encodes into a buffer it does not clear: a truncated text read after a longer one whose bytes
        // would complete it must still be rejected.
        foreach (var length in new[] { 10, 400, 2_000 })
        {
            var whole = "\"" + new string('x', length) + "\"";
            Assert.True(JsonText.TryRead<string>(whole, JsonRead.String, out var read));
            Assert.Equal(length, read.Length);
            Assert.False(JsonText.TryRead<string>(whole.Substring(0, whole.Length - 1), JsonRead.String, out _));
            Assert.False(JsonText.TryRead<string>(whole.Substring(0, whole.Length - 1) + "\u0000", JsonRead.String, out _));
        }

        // And a whole number is not lengthened by the digits a longer one left after it.
        Assert.True(JsonText.TryRead<long>("1234567", JsonRead.Int64, out var longer));
        Assert.True(JsonText.TryRead<long>("123", JsonRead.Int64, out var shorter));
        Assert.Equal((1234567L, 123L), (longer, shorter));
    }

    [Theory]
    [InlineData(JsonText.MaxDepth, true)]
    [InlineData(JsonText.MaxDepth + 1, false)]
    public void Nesting_is_limited_like_the_reader(int depth, bool expected)
    {
        AssertAgrees(new string('[', depth) + new string(']', depth), expected);
        AssertAgrees(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth), expected);
    }

    [Fact]
    public void Random_mutations_of_json_get_the_readers_verdict()
    {
        var random = new Random(1234);
        var seeds = new[]
        {
            """{"category":"how-to","priority":2,"confidence":0.87,"tags":["a","b"],"customer":{"name":"Zoë","plan":null},"ok":true}""",
            """[{"a":[1,2,{"b":"\u00e9\ud83d\ude00"}]},-1.5e-3,"x\\y",false]""",
        };
        const string alphabet = "{}[]\":,.-+eE0123456789 \t\n\\/u\"abcdeftrulnsé";
        var checkedCount = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var text = new StringBuilder(seeds[i % seeds.Length]);
            var edits = 1 + random.Next(3);
            for (var e = 0; e < edits && text.Length > 0; e++)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Remove(at, 1); break;
                    case 1: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }

            AssertAgrees(text.ToString(), expected: null);
            checkedCount++;
        }

        Assert.Equal(20_000, checkedCount);
    }

    [Fact]
    public void Every_position_of_a_string_ending_escape_or_control_character_gets_the_readers_verdict()
    {
        // Strings are scanned eight bytes at a time and long runs with a vectorized search: put each special byte at
        // every offset of strings of every length up to past the switch between the two, in ASCII and multi-byte text.
        var specials = new[] { "\"", "\\n", "\\x", "\\u00e9", "\\ud83d\\ude00", "\\ud83d", "\u0001", "\u001f", "\t", "é", "\u007f" };
        var checkedCount = 0;
        foreach (var filler in new[] { 'a', 'é' })
        {
            for (var length = 0; length <= 72; length++)
            {
                for (var at = 0; at <= length; at++)
                {
                    foreach (var special in specials)
                    {
                        var content = new string(filler, at) + special + new string(filler, length - at);
                        AssertAgrees("{\"k\":\"" + content + "\"}", expected: null);
                        AssertAgrees("\"" + content, expected: null);
                        checkedCount++;
                    }
                }
            }
        }

        Assert.Equal(2 * 73 * 74 / 2 * specials.Length, checkedCount);
    }

    /// <summary>Checks the pre-check against the reader; <paramref name="expected"/> also pins the verdict when given.</summary>
    private static void AssertAgrees(string json, bool? expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var check = JsonSyntax.IsValid(bytes);
        var reader = ReaderAccepts(bytes);
        Assert.True(check == reader, $"pre-check {check}, reader {reader}: {json}");
        if (expected is { } verdict) Assert.Equal(verdict, check);
    }

    private static bool ReaderAccepts(byte[] utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = JsonText.MaxDepth });
            var tokens = 0;
            while (reader.Read())
            {
                tokens++;
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName) reader.GetString();
            }

            return tokens > 0;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
