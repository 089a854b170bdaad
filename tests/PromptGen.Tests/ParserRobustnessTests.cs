using System;
using System.Diagnostics;
using System.Linq;
using System.Text;

namespace PromptGen.Tests;

/// <summary>Bad input never throws (except PromptOutputException from ParseOrThrow), never hangs, never overflows.</summary>
public class ParserRobustnessTests
{
    private static readonly OutputShape[] Shapes =
    {
        OutputShape.Object(
            new OutputProperty("name", OutputShape.String),
            new OutputProperty("items", OutputShape.Array(OutputShape.Object(new OutputProperty("n", OutputShape.Integer))), required: false),
            new OutputProperty("kind", OutputShape.Enum("a", "bb", "ccc"), required: false)),
        OutputShape.Array(OutputShape.String),
        OutputShape.Map(OutputShape.Number),
        OutputShape.Boolean,
        OutputShape.Integer,
        OutputShape.Any,
    };

    // Generous bound that only a quadratic or exponential algorithm would break.
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("[")]
    [InlineData("{")]
    [InlineData("{\"a\":")]
    [InlineData("[{\"a\":[")]
    public void Nesting_100000_deep_fails_fast_without_overflow(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 100_000));
        foreach (var shape in Shapes)
        {
            var watch = Stopwatch.StartNew();
            var outcome = SchemaAlignedParser.Parse(text, shape);
            Assert.True(watch.Elapsed < HangBound);
            Assert.False(outcome.Success);
            if (unit != "{")
            {
                Assert.Contains("deeper than", outcome.Report.Error, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Closed_deep_nesting_fails_fast_too()
    {
        var text = new string('[', 100_000) + new string(']', 100_000);
        var outcome = SchemaAlignedParser.Parse(text, OutputShape.Any);
        Assert.False(outcome.Success);
    }

    [Fact]
    public void Ten_megabyte_payload_with_repairs_parses()
    {
        var builder = new StringBuilder("Here are the items:\n```json\n{name: 'big', items: [");
        var count = 0;
        while (builder.Length < 10 * 1024 * 1024)
        {
            builder.Append("{'n': \"").Append(count++).Append("\"},\n");
        }

        builder.Append("]}\n```");
        var watch = Stopwatch.StartNew();
        var outcome = SchemaAlignedParser.Parse(builder.ToString(), Shapes[0]);

        Assert.True(watch.Elapsed < HangBound);
        Assert.True(outcome.Success, outcome.Report.ToString().Substring(0, Math.Min(2000, outcome.Report.ToString().Length)));
        Assert.True(outcome.Report.Has(PromptRepairKind.NumberFromString));
        Assert.EndsWith("{\"n\":" + (count - 1) + "}],\"kind\":null}", outcome.JsonText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\" ")]
    [InlineData("\",x")]
    [InlineData("{\"a\" ")]
    [InlineData("[1,")]
    [InlineData("```")]
    [InlineData("/*")]
    [InlineData("//\n")]
    [InlineData("{[")]
    [InlineData("]}")]
    [InlineData("a:")]
    [InlineData("\\")]
    public void Ten_megabytes_of_a_repeated_pattern_never_hang(string unit)
    {
        var text = new StringBuilder(10 * 1024 * 1024 + 16);
        while (text.Length < 10 * 1024 * 1024)
        {
            text.Append(unit);
        }

        var input = "{\"name\": " + text;
        var watch = Stopwatch.StartNew();
        foreach (var shape in new[] { Shapes[0], Shapes[5] })
        {
            _ = SchemaAlignedParser.Parse(input, shape);
        }

        Assert.True(watch.Elapsed < HangBound * 3, $"took {watch.Elapsed}");
    }

    [Fact]
    public void Random_inputs_never_throw()
    {
        var random = new Random(20260101);
        const string alphabet = "{}[]\"':,.-+0123456789eEtruefalsnNoTF #/*\\\n\r\t`~$€ abcxyzAB_";
        for (var i = 0; i < 5000; i++)
        {
            var length = random.Next(0, 200);
            var chars = new char[length];
            for (var j = 0; j < length; j++)
            {
                chars[j] = random.Next(10) == 0 ? (char)random.Next(0, 0xFFFF) : alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            foreach (var shape in Shapes)
            {
                var outcome = SchemaAlignedParser.Parse(text, shape);
                Assert.Equal(outcome.Success, outcome.Report.Error is null);
                Assert.DoesNotContain("internal parser error", outcome.Report.Error ?? string.Empty, StringComparison.Ordinal);
                if (outcome.Success)
                {
                    // Canonical output is always valid JSON.
                    using var _ = System.Text.Json.JsonDocument.Parse(outcome.Utf8Json);
                }

                try
                {
                    SchemaAlignedParser.ParseOrThrow(text, shape);
                }
                catch (PromptOutputException)
                {
                }
            }
        }
    }

    [Fact]
    public void Random_bytes_decoded_as_text_never_throw()
    {
        var random = new Random(7);
        var bytes = new byte[4096];
        for (var i = 0; i < 300; i++)
        {
            random.NextBytes(bytes);
            var text = Encoding.UTF8.GetString(bytes, 0, random.Next(bytes.Length));
            foreach (var shape in Shapes)
            {
                var outcome = SchemaAlignedParser.Parse(text, shape);
                Assert.DoesNotContain("internal parser error", outcome.Report.Error ?? string.Empty, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Mutated_valid_outputs_never_throw_and_valid_results_are_json()
    {
        var random = new Random(42);
        const string seed = "Sure!\n```json\n{\"name\": \"Ada\", \"items\": [{\"n\": 1}, {\"n\": \"2\"}], \"kind\": \"BB\"} // done\n```";
        for (var i = 0; i < 5000; i++)
        {
            var chars = seed.ToCharArray().ToList();
            var edits = random.Next(1, 6);
            for (var e = 0; e < edits; e++)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0: chars.RemoveAt(at); break;
                    case 1: chars.Insert(at, seed[random.Next(seed.Length)]); break;
                    default: chars[at] = seed[random.Next(seed.Length)]; break;
                }
            }

            var outcome = SchemaAlignedParser.Parse(new string(chars.ToArray()), Shapes[0]);
            Assert.DoesNotContain("internal parser error", outcome.Report.Error ?? string.Empty, StringComparison.Ordinal);
            if (outcome.Success)
            {
                using var document = System.Text.Json.JsonDocument.Parse(outcome.Utf8Json);
                Assert.Equal(System.Text.Json.JsonValueKind.String, document.RootElement.GetProperty("name").ValueKind);
            }
        }
    }
}
