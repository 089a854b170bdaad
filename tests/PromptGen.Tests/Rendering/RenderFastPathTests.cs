using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;
using PromptGen.Rendering;
using Xunit;

namespace PromptGen.Tests.Rendering;

/// <summary>
/// The render paths that skip an intermediate string or object must print exactly what the general path prints:
/// numbers formatted into the output, JSON strings escaped a run at a time, #each frames held in fields, the JSON
/// writer writing into the output, property names reused between inputs.
/// </summary>
public class RenderFastPathTests
{
    public static TheoryData<double> Numbers => new()
    {
        0, -0.0, 1, -1, 42, 255, 256, 0.1, -2.5, 1.0 / 3, 123456.789, 1e-6, 1.5e-7, 1e15, 123456789012345678, 1e21, 1.7976931348623157e308,
        double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 9007199254740993d,
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public void NumberWrittenIntoTheOutputIsJavaScriptsText(double value)
    {
        Assert.Equal(TemplateRuntime.FormatNumber(value), Render(w => w.Number(value)));
        Assert.Equal(TemplateRuntime.FormatNumber(value), Render(w => w.Value(TemplateRuntime.Number(value))));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-7L)]
    [InlineData(9007199254740991L)]
    [InlineData(9007199254740993L)] // beyond 2^53: JavaScript prints the double it rounds to
    [InlineData(long.MinValue)]
    public void IntegerWrittenIntoTheOutputIsJavaScriptsText(long value)
    {
        Assert.Equal(TemplateRuntime.FormatNumber(value), Render(w => w.Integer(value)));
        Assert.Equal(TypedTemplateRuntime.Integer(value), Render(w => w.Integer((long?)value)));
    }

    [Fact]
    public void MissingOptionalNumbersPrintNothing()
    {
        Assert.Equal("ab", Render(w =>
        {
            w.Text("a");
            w.Integer((long?)null);
            w.Number((double?)null);
            w.Text("b");
        }));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("", "\"\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("line\nnext\ttab\r", "\"line\\nnext\\ttab\\r\"")]
    [InlineData("\u0001x\u001f", "\"\\u0001x\\u001f\"")]
    [InlineData("emoji \ud83d\ude00 ok", "\"emoji \ud83d\ude00 ok\"")]
    [InlineData("end\\", "\"end\\\\\"")]
    public void JsonStringsAreEscapedAsJsonStringify(string text, string expected)
    {
        var builder = new StringBuilder();
        PromptJson.WriteString(builder, text);
        Assert.Equal(expected, builder.ToString());
    }

    [Fact]
    public void LoneSurrogatesAreEscaped()
    {
        // Built here, not as theory data: test runners do not carry lone surrogates through their case names.
        var builder = new StringBuilder();
        PromptJson.WriteString(builder, "lone " + (char)0xD83D + " end" + (char)0xDE00);
        Assert.Equal("\"lone \\ud83d end\\ude00\"", builder.ToString());
    }

    [Fact]
    public void EachFrameGivesItsVariablesAndTakesNewOnes()
    {
        var parent = new DataFrame(null);
        parent.Set("root", PromptValue.String("r"));
        var frame = new DataFrame(parent, PromptValue.Number(3), PromptValue.Number(3), PromptValue.False, PromptValue.True);
        Assert.Equal(new[] { "root", "key", "index", "first", "last" }, frame.Keys);
        Assert.Equal(PromptValue.Number(3), frame.Get("index"));
        Assert.Equal(PromptValue.True, frame.Get("last"));
        Assert.Equal(PromptValue.String("r"), frame.Get("root"));
        Assert.Same(parent, frame.Get("_parent"));

        frame.Set("last", PromptValue.False);
        frame.Set("extra", PromptValue.String("e"));
        Assert.Equal(PromptValue.False, frame.Get("last"));
        Assert.Equal(PromptValue.Number(3), frame.Get("key"));
        Assert.Equal(PromptValue.String("e"), frame.Get("extra"));
        Assert.Equal(new[] { "root", "key", "index", "first", "last", "extra" }, frame.Keys);
    }

    [Fact]
    public void SharedSmallNumbersKeepNegativeZero()
    {
        Assert.True(double.IsNegative(PromptValue.Number(-0.0).AsNumber));
        Assert.False(double.IsNegative(PromptValue.Number(0).AsNumber));
        Assert.Equal(7.5, PromptValue.Number(7.5).AsNumber);
        Assert.Equal(300, PromptValue.Number(300).AsNumber);
    }

    [Fact]
    public void JsonWriterStartedOnTheOutputWritesWhereTheTextGoes()
    {
        var text = Render(w =>
        {
            w.Text("before ");
            var json = TemplateJsonWriter.Start(w, 2.0);
            json.StartObject();
            json.Name("n");
            json.Number(1.5);
            json.Name("s");
            json.String("x\"y");
            json.EndObject();
            json.WriteTo(w);
            w.Text(" after ");

            // The writer kept for the next call writes into its own buffer again.
            var own = TemplateJsonWriter.Start(null);
            own.Integer(12);
            own.WriteTo(w);
        });
        Assert.Equal("before {\n  \"n\": 1.5,\n  \"s\": \"x\\\"y\"\n} after 12", text);
    }

    [Fact]
    public void PropertyNamesAreReadFreshWhenTheShapeChanges()
    {
        // The same names in another order, an escaped name, and many names (so slots are shared and replaced).
        var first = Names("{\"a\":1,\"b\":2}");
        var second = Names("{\"b\":1,\"a\":2,\"\\u0061b\":3}");
        var many = Names("{" + string.Join(",", Enumerable.Range(0, 300).Select(i => $"\"k{i}\":{i}")) + "}");
        var again = Names("{\"a\":1,\"b\":2}");
        Assert.Equal(new[] { "a", "b" }, first);
        Assert.Equal(new[] { "b", "a", "ab" }, second);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => "k" + i.ToString(CultureInfo.InvariantCulture)), many);
        Assert.Equal(first, again);
    }

    [Fact]
    public void RepeatedJsonKeysKeepTheirFirstPositionAndLastValue()
    {
        var value = Assert.IsType<PromptValue>(TemplateRuntime.ConvertJson(JsonDocument.Parse("{\"a\":1,\"b\":2,\"a\":3}").RootElement));
        Assert.Equal(new[] { "a", "b" }, value.Properties.Select(p => p.Key));
        Assert.Equal(3, value.Properties[0].Value.AsNumber);
    }

    private static string[] Names(string json) =>
        Assert.IsType<PromptValue>(TemplateRuntime.ConvertJson(JsonDocument.Parse(json).RootElement)).Properties.Select(p => p.Key).ToArray();

    private static string Render(Action<TemplateWriter> write)
    {
        var writer = TemplateWriter.Root();
        writer.Role("user");
        write(writer);
        var messages = TemplateRuntime.ToMessages(writer, null, TemplateRuntime.HistoryOf(null));
        return messages.Count == 0 ? string.Empty : messages[0].Text;
    }
}
