using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using PromptGen.Serialization;

namespace PromptGen.Tests.Serialization;

/// <summary>
/// Strings the strict read cuts from the source text (where its UTF-8 bytes and characters line up) must be exactly what
/// decoding the bytes gives, and a reader over other bytes must never get the source's characters.
/// </summary>
public sealed class JsonSourceTextTests
{
    [Fact]
    public void Strings_and_keys_read_as_the_reader_decodes_them_wherever_non_ascii_text_and_escapes_fall()
    {
        var random = new Random(2468);
        string[] pieces = { "a", "bc", " ", "é", "😀", "\\n", "\\u0041", "\\\"", "Zoë", "x/y" };
        for (var i = 0; i < 3_000; i++)
        {
            // Short texts (encoded on the stack) and long ones (a pooled buffer).
            var count = random.Next(2) == 0 ? 1 + random.Next(6) : 40 + random.Next(80);
            var entries = new List<string>();
            for (var e = 0; e < count; e++)
            {
                var content = string.Concat(Enumerable.Range(0, random.Next(12)).Select(_ => pieces[random.Next(pieces.Length)]));
                entries.Add("\"k" + e + content + "\":[\"" + content + "\",\"" + e + "\"]");
            }

            var json = "{" + string.Join(",", entries) + "}";
            var read = JsonText.Read(json, (ref Utf8JsonReader reader, out IReadOnlyDictionary<string, IReadOnlyList<string>> value) =>
                JsonRead.Map(ref reader, (ref Utf8JsonReader r, out IReadOnlyList<string> list) => JsonRead.List(ref r, JsonRead.String, out list), out value));

            using var document = JsonDocument.Parse(json);
            var expected = document.RootElement.EnumerateObject()
                .Select(p => (p.Name, Values: string.Join("|", p.Value.EnumerateArray().Select(v => v.GetString()))))
                .ToList();
            Assert.Equal(expected, read.Select(p => (p.Key, Values: string.Join("|", p.Value))).ToList());
        }
    }

    [Fact]
    public void A_reader_over_other_bytes_inside_a_strict_read_gets_its_own_strings()
    {
        // The same offsets in another buffer: only the address of the bytes tells the two readers apart.
        var other = Encoding.UTF8.GetBytes("[\"xyz\"]");
        var read = JsonText.Read("[\"abc\"]", (ref Utf8JsonReader reader, out (string Outer, string Inner) value) =>
        {
            var inner = new Utf8JsonReader(other);
            inner.Read();
            inner.Read();
            reader.Read();
            var ok = JsonRead.String(ref inner, out var innerValue) & JsonRead.String(ref reader, out var outerValue);
            reader.Read();
            value = (outerValue, innerValue);
            return ok;
        });

        Assert.Equal(("abc", "xyz"), read);
    }

    [Fact]
    public void A_reader_after_a_strict_read_decodes_its_own_bytes()
    {
        Assert.Equal("abc", JsonText.Read<string>("\"abc\"", JsonRead.String));

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("\"xyz\""));
        reader.Read();
        Assert.True(JsonRead.String(ref reader, out var value));
        Assert.Equal("xyz", value);
    }
}
