using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using PromptGen.Language.Values;
using PromptGen.Rendering;
using Xunit;

namespace PromptGen.Tests.Rendering;

/// <summary>
/// The dynamic path reads JSON input where it lies (objects, arrays, strings and numbers are read when the template
/// reads them): every operation generated code calls must give what it gives for the input converted as a whole.
/// </summary>
public class JsonInputRenderTests
{
    public static TheoryData<string> NumberTexts => new()
    {
        "0", "-0", "0.0", "1", "-1", "42", "4.5", "-2.5", "0.1", "0.10", "1.0", "100", "1e3", "1E3", "1.5e-7", "0.000001",
        "0.0000001", "0.00001234", "123456789012345", "1234567890123456", "123456789012345678", "100000000000000000000",
        "1000000000000000000000", "0.333333333333333", "0.3333333333333333", "9007199254740993", "-0.5", "1e400", "-1e400",
        "2.50", "12.345678901234",
    };

    [Theory]
    [MemberData(nameof(NumberTexts))]
    public void NumberOfTheInputPrintsWhatItsConvertedValuePrints(string json)
    {
        var element = JsonDocument.Parse(json).RootElement;
        Assert.Equal(Render(w => w.Value(TemplateRuntime.ConvertJson(element))), Render(w => w.Value(TemplateRuntime.FromJson(element))));
        Assert.Equal(TemplateRuntime.IsTruthy(TemplateRuntime.ConvertJson(element)), TemplateRuntime.IsTruthy(TemplateRuntime.FromJson(element)));
        Assert.Equal(TemplateRuntime.If(TemplateRuntime.ConvertJson(element), null), TemplateRuntime.If(TemplateRuntime.FromJson(element), null));
    }

    [Theory]
    [InlineData("4.5", true)]
    [InlineData("-0", false)]
    [InlineData("0.10", false)]
    [InlineData("1e3", false)]
    [InlineData("0.000001", true)]
    [InlineData("0.0000001", false)]
    [InlineData("123456789012345", true)]
    [InlineData("1234567890123456", false)]
    public void NumberTextIsPrintedAsItIsOnlyWhereJavaScriptPrintsThatText(string json, bool asItIs)
    {
        Assert.Equal(asItIs, JsonInputValues.IsJsText(System.Text.Encoding.UTF8.GetBytes(json)));
        if (asItIs) Assert.Equal(json, JsNumber.ToString(double.Parse(json, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("\"plain\"")]
    [InlineData("\"\"")]
    [InlineData("\"Zo\\u00eb \\\"quoted\\\"\\n\"")]
    [InlineData("\"Zoë – ünïcode 🎉\"")]
    [InlineData("[1,[2,3],null,\"a\"]")]
    [InlineData("[]")]
    [InlineData("{\"a\":1}")]
    [InlineData("true")]
    [InlineData("null")]
    public void ValueOfTheInputPrintsAndTestsAsItsConvertedValue(string json)
    {
        var element = JsonDocument.Parse(json).RootElement;
        var converted = TemplateRuntime.ConvertJson(element);
        var read = TemplateRuntime.FromJson(element);
        Assert.Equal(Render(w => w.Value(converted)), Render(w => w.Value(read)));
        Assert.Equal(TemplateRuntime.If(converted, null), TemplateRuntime.If(read, null));
        Assert.Equal(TemplateRuntime.With(converted), TemplateRuntime.With(read));
        Assert.Equal(TemplateRuntime.ToJsString(converted), TemplateRuntime.ToJsString(read));
        Assert.Equal(TemplateRuntime.ToJsString(TemplateRuntime.Path(converted, "length")), TemplateRuntime.ToJsString(TemplateRuntime.Path(read, "length")));
        Assert.Equal(TemplateRuntime.ToJsString(TemplateRuntime.Path(converted, "1")), TemplateRuntime.ToJsString(TemplateRuntime.Path(read, "1")));
    }

    [Fact]
    public void LookupsReadTheInputAsTheConvertedValue()
    {
        var element = JsonDocument.Parse("{\"a\":{\"b\":[10,{\"c\":\"x\"}]},\"a\":{\"b\":[20,{\"c\":\"last\"}]},\"n\":0,\"s\":\"\"}").RootElement;
        var converted = TemplateRuntime.ConvertJson(element);
        var read = TemplateRuntime.FromJson(element);
        foreach (var path in new[] { new[] { "a", "b", "0" }, new[] { "a", "b", "1", "c" }, new[] { "a", "b", "length" }, new[] { "n" }, new[] { "s" }, new[] { "missing", "x" }, new[] { "a", "b", "7" } })
        {
            Assert.Equal(TemplateRuntime.ToJsString(TemplateRuntime.Path(converted, path)), TemplateRuntime.ToJsString(TemplateRuntime.Path(read, path)));
            Assert.Equal(TemplateRuntime.If(TemplateRuntime.Path(converted, path), null), TemplateRuntime.If(TemplateRuntime.Path(read, path), null));
        }

        // Repeated keys: the last value, as JavaScript keeps it.
        Assert.Equal("last", TemplateRuntime.ToJsString(TemplateRuntime.Path(read, "a", "b", "1", "c")));
    }

    [Fact]
    public void ObjectsOfOneArrayWithDifferentNamesAtAPositionAreReadByTheirOwnNames()
    {
        // Names are remembered by position for the next object of the array: a different, escaped or backslashed name
        // at the same position must still be read as itself, by the view and by the whole conversion alike.
        const string Json = """[{"ab":1,"c":2},{"ab":3,"c":4},{"a\u0062":5,"c":6},{"a\\u0062":7,"c":8},{"c":9,"ab":10},{"x":11}]""";
        var array = JsonDocument.Parse(Json).RootElement;
        var read = TemplateRuntime.FromJson(array);
        var converted = TemplateRuntime.ConvertJson(array);
        string[] expectedAb = ["1", "3", "5", "undefined", "10", "undefined"];
        string[] expectedC = ["2", "4", "6", "8", "9", "undefined"];
        for (var round = 0; round < 2; round++)
        {
            foreach (var value in new[] { read, converted })
            {
                for (var i = 0; i < expectedAb.Length; i++)
                {
                    var item = TemplateRuntime.Path(value, i.ToString(CultureInfo.InvariantCulture));
                    Assert.Equal(expectedAb[i], TemplateRuntime.ToJsString(TemplateRuntime.Path(item, "ab")));
                    Assert.Equal(expectedC[i], TemplateRuntime.ToJsString(TemplateRuntime.Path(item, "c")));
                }

                Assert.Equal("7", TemplateRuntime.ToJsString(TemplateRuntime.Path(TemplateRuntime.Path(value, "3"), "a\\u0062")));
            }
        }
    }

    [Fact]
    public void AnObjectOfTheInputIsTheSameObjectEachTimeItIsLookedUp()
    {
        var read = TemplateRuntime.FromJson(JsonDocument.Parse("{\"a\":{\"b\":1},\"c\":{\"b\":1},\"list\":[1]}").RootElement);
        Assert.True(TemplateRuntime.StrictEquals(TemplateRuntime.Path(read, "a"), TemplateRuntime.Path(read, "a")));
        Assert.True(TemplateRuntime.StrictEquals(TemplateRuntime.Path(read, "list"), TemplateRuntime.Path(read, "list")));
        Assert.False(TemplateRuntime.StrictEquals(TemplateRuntime.Path(read, "a"), TemplateRuntime.Path(read, "c")));

        // The ../ stack pushes a level only when the context changes, so the same object must not count as a change.
        var stack = TemplateRuntime.NewStack(TemplateRuntime.Path(read, "a"));
        Assert.Same(stack, TemplateRuntime.Push(stack, TemplateRuntime.Path(read, "a")));
        Assert.NotSame(stack, TemplateRuntime.Push(stack, TemplateRuntime.Path(read, "c")));
    }

    [Fact]
    public void EachOverAnArrayOfTheInputRunsOncePerItemWithItsData()
    {
        var read = TemplateRuntime.FromJson(JsonDocument.Parse("{\"items\":[\"a\",{\"x\":2},3]}").RootElement);
        var root = TemplateRuntime.RootData(TemplateRuntime.RootContext(read), null, null);
        var runs = ToArray(TemplateRuntime.Each(TemplateRuntime.Path(read, "items"), root));
        Assert.Equal(3, runs.Length);
        Assert.Equal("a", TemplateRuntime.ToJsString(runs[0].Context));
        Assert.Equal("2", TemplateRuntime.ToJsString(TemplateRuntime.Path(runs[1].Context, "x")));
        Assert.Equal("3", Render(w => w.Value(runs[2].Context)));
        Assert.True(TemplateRuntime.IsTruthy(TemplateRuntime.Data(runs[2].Data!, 0, "last")));
        Assert.False(TemplateRuntime.IsTruthy(TemplateRuntime.Data(runs[0].Data!, 0, "last")));
        Assert.True(runs[0].IsFirst && !runs[0].IsLast && runs[2].IsLast && !runs[2].IsFirst);
        Assert.Equal("[object Object]", TemplateRuntime.ToJsString(TemplateRuntime.Data(runs[0].Data!, 0, "root")));
        Assert.True(TemplateRuntime.Each(TemplateRuntime.Path(read, "missing"), root).IsEmpty);
    }

    public static TheoryData<string> LookupInputs => new()
    {
        """{"a":"x","b":4.5,"n":null,"t":true,"f":false,"o":{"b":"inner","c":1e3},"arr":[1,2],"s":"Zo\u00eb \"q\"","z":0,"m":-0}""",
        """{"b":1,"a":"first","a":"last"}""",
        """{"ab":1,"a\u0062":2}""",
        """{"a\u0062":1,"ab":2,"a\\b":3,"\n":4,"ünï":5}""",
        """{"o":{"b":{"deep":"d"}},"a":[{"b":1}],"":"empty"}""",
        """{}""",
    };

    [Theory]
    [MemberData(nameof(LookupInputs))]
    public void WritingAPathWritesWhatWritingTheValueOfThePathWrites(string json)
    {
        var element = JsonDocument.Parse(json).RootElement;
        var converted = TemplateRuntime.ConvertJson(element);
        var read = TemplateRuntime.FromJson(element);
        string[] names = ["a", "b", "ab", "a\\b", "a\\u0062", "\n", "ünï", "n", "t", "f", "o", "arr", "s", "z", "m", "missing", "", "length"];
        foreach (var name in names)
        {
            var expected = Render(w => w.Value(TemplateRuntime.Path(converted, name)));
            Assert.Equal(expected, Render(w => w.Value(read, name)));
            Assert.Equal(expected, Render(w => w.Value(TemplateRuntime.Path(read, name))));
            Assert.Equal(TemplateRuntime.If(TemplateRuntime.Path(converted, name), null), TemplateRuntime.IfPath(read, name));
            foreach (var second in new[] { "b", "c", "deep", "0", "length", "missing" })
            {
                Assert.Equal(Render(w => w.Value(TemplateRuntime.Path(converted, name, second))), Render(w => w.Value(read, name, second)));
                Assert.Equal(TemplateRuntime.If(TemplateRuntime.Path(converted, name, second), null), TemplateRuntime.IfPath(read, name, second));
            }
        }

        // Contexts that are not objects of the input take the same path as before.
        foreach (var context in new[] { converted, null, TemplateRuntime.Null, TemplateRuntime.String("text"), TemplateRuntime.Path(read, "arr") })
        {
            Assert.Equal(Render(w => w.Value(TemplateRuntime.Path(context, "length"))), Render(w => w.Value(context, "length")));
            Assert.Equal(Render(w => w.Value(TemplateRuntime.Path(context, "0", "b"))), Render(w => w.Value(context, "0", "b")));
            Assert.Equal(TemplateRuntime.If(TemplateRuntime.Path(context, "length"), null), TemplateRuntime.IfPath(context, "length"));
            Assert.Equal(TemplateRuntime.If(TemplateRuntime.Path(context, "0", "b"), null), TemplateRuntime.IfPath(context, "0", "b"));
        }
    }

    [Fact]
    public void AViewRemembersItsLastLookupOnlyForThatName()
    {
        var read = TemplateRuntime.FromJson(JsonDocument.Parse("""{"a":{"x":1},"b":"text","c":2}""").RootElement);
        var a = TemplateRuntime.Path(read, "a");
        Assert.Same(a, TemplateRuntime.Path(read, "a"));

        // Another string with the same text, and other names in between, read the document again.
        Assert.Equal("1", TemplateRuntime.ToJsString(TemplateRuntime.Path(read, new string(['a']), "x")));
        Assert.Equal("text", Render(w => w.Value(read, "b")));
        Assert.Equal("2", Render(w => w.Value(read, "c")));
        Assert.Equal("text", Render(w => w.Value(read, "b")));
        Assert.Equal(string.Empty, Render(w => w.Value(read, "missing")));
        Assert.Equal(string.Empty, Render(w => w.Value(read, "missing")));
        Assert.True(TemplateRuntime.StrictEquals(a, TemplateRuntime.Path(read, "a")));
    }

    [Fact]
    public void ObjectsOfOneArrayWithTheirPropertiesInAnotherOrderOrMissingAreReadByName()
    {
        var items = JsonDocument.Parse("""[{"label":"a","score":1,"done":true},{"done":false,"label":"b","score":2},{"score":3},{"label":"d","label":"e"}]""").RootElement;
        var read = TemplateRuntime.FromJson(items);
        var runs = TemplateRuntime.Each(read, TemplateRuntime.RootData(TemplateRuntime.EmptyObject(), null, null));
        string[] expected = ["a 1 true", "b 2 false", " 3 ", "e  "];
        var written = new List<string>();
        foreach (var run in runs)
        {
            // Read while the run is the current one: the objects of an array share one view, moved from item to item.
            var context = run.Context;
            written.Add(Render(w =>
            {
                w.Value(context, "label");
                w.Text(" ");
                w.Value(context, "score");
                w.Text(" ");
                w.Value(context, "done");
            }));
        }

        Assert.Equal(expected, written);
    }

    public static TheoryData<string> JsonInputs => new()
    {
        """{"name":"Zoë","n":[1,4.5,0,-0,1e3,0.10,1e400,123456789012345678],"ok":true,"none":null,"empty":{},"list":[]}""",
        """{"sku":"ADDON-\"EU\"","tab":"a\tb","slash":"\/","uni":"\u00eb\ud83c\udf89"}""",
        """{"b":1,"2":"two","a":3,"1":"one"}""",
        """{"a":1,"b":2,"a":3}""",
        """{"a\u0062":1,"ab":2}""",
        """{"lone":"\ud800"}""",
        """[{"a":[{"b":[]}]},"x",2.50,null]""",
        "\"text\"",
        "-1.5e-7",
        """{"p0":0,"p1":1,"p2":2,"p3":3,"p4":4,"p5":5,"p6":6,"p7":7,"p8":8,"p9":9,"p10":10,"p11":11,"p12":12,"p13":13,"p14":14,"p15":15,"p16":16}""",
    };

    [Theory]
    [MemberData(nameof(JsonInputs))]
    public void JsonOfTheInputIsWhatJsonOfItsConvertedValueIs(string json)
    {
        var element = JsonDocument.Parse(json).RootElement;
        var converted = TemplateRuntime.ConvertJson(element);
        var read = TemplateRuntime.FromJson(element);
        foreach (var indent in new[] { null, TemplateRuntime.Number(0), TemplateRuntime.Number(2), TemplateRuntime.Number(12), TemplateRuntime.String("\t"), TemplateRuntime.FromJson(JsonDocument.Parse("3").RootElement) })
        {
            Assert.Equal(Render(w => w.Value(TemplateRuntime.Json(converted, indent))), Render(w => w.Value(TemplateRuntime.Json(read, indent))));
        }
    }

    [Fact]
    public void AnEachRunMakesItsDataFrameWhenItIsRead()
    {
        var read = TemplateRuntime.FromJson(JsonDocument.Parse("[\"a\",\"b\"]").RootElement);
        var root = TemplateRuntime.RootData(TemplateRuntime.EmptyObject(), null, null);
        var runs = ToArray(TemplateRuntime.Each(read, root));
        Assert.Equal("a", TemplateRuntime.ToJsString(runs[0].Param0));
        Assert.Equal("1", TemplateRuntime.ToJsString(runs[1].Param1));
        Assert.Equal("1", TemplateRuntime.ToJsString(TemplateRuntime.Data(runs[1].Data!, 0, "index")));
        Assert.True(TemplateRuntime.IsTruthy(TemplateRuntime.Data(runs[0].Data!, 0, "first")));
        Assert.Equal("[object Object]", TemplateRuntime.ToJsString(TemplateRuntime.Data(runs[1].Data!, 0, "root")));

        // The run's own variables, read from the run by generated code, are the values its frame holds.
        var entries = ToArray(TemplateRuntime.Each(TemplateRuntime.FromJson(JsonDocument.Parse("{\"k\":1,\"j\":2}").RootElement), root));
        foreach (var run in runs.Concat(entries))
        {
            Assert.Same(TemplateRuntime.Data(run.Data!, 0, "index"), run.Index);
            Assert.Same(TemplateRuntime.Data(run.Data!, 0, "key"), run.Key);
            Assert.Same(TemplateRuntime.Data(run.Data!, 0, "first"), run.First);
            Assert.Same(TemplateRuntime.Data(run.Data!, 0, "last"), run.Last);
        }

        Assert.Equal("k", TemplateRuntime.ToJsString(entries[0].Key));
        Assert.Equal("1", TemplateRuntime.ToJsString(entries[1].Index));

        // A run of a block that is not an iteration keeps the enclosing frame and has no block parameters.
        var single = ToArray(TemplateRuntime.BlockMissing(TemplateRuntime.True, read, root));
        Assert.Single(single);
        Assert.Null(single[0].Data);
        Assert.Null(single[0].Param0);
        Assert.Null(single[0].Param1);
        Assert.Null(single[0].Index);
    }

    // The runs kept after the iteration: for arrays whose items are not objects (or one object only), whose contexts do
    // not share a view moved from item to item.
    private static BlockInvocation[] ToArray(BlockRuns runs)
    {
        var kept = new List<BlockInvocation>();
        foreach (var run in runs) kept.Add(run);
        return kept.ToArray();
    }

    private static string Render(Action<TemplateWriter> write)
    {
        var writer = TemplateWriter.Root();
        writer.Role("user");
        write(writer);
        var messages = TemplateRuntime.ToMessages(writer, null, TemplateRuntime.HistoryOf(null));
        return messages.Count == 0 ? string.Empty : messages[0].Text;
    }
}
