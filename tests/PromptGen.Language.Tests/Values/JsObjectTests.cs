using System.Collections.Generic;
using System.Linq;
using PromptGen.Language.Values;

namespace PromptGen.Language.Tests.Values;

public class JsObjectTests
{
    public static IEnumerable<object[]> KeyLists() => new[]
    {
        new object[] { new[] { "a", "b", "c" } },
        new object[] { new[] { "a", "b", "a", "c", "b" } },
        new object[] { new[] { "ext", "metadata", "config", "model", "config", "input", "output", "raw", "ext" } },
        new object[] { Enumerable.Range(0, 12).Select(i => "k" + i).ToArray() },
        new object[] { Enumerable.Range(0, 12).Select(i => "k" + (i % 5)).ToArray() },
        new object[] { Enumerable.Range(0, 20).Select(i => "k" + (i * 7 % 11)).ToArray() },
        new object[] { new[] { "b", "2", "a", "10", "2", "01" } },
    };

    [Theory]
    [MemberData(nameof(KeyLists))]
    public void AnOwnedListGivesTheSameObjectAsACopiedOne(string[] keys)
    {
        var properties = keys.Select((key, i) => new KeyValuePair<string, PromptValue>(key, PromptValue.Number(i))).ToList();

        var copied = JsObject.Create(properties);
        var owned = JsObject.CreateOwned(new List<KeyValuePair<string, PromptValue>>(properties));

        // A repeated key keeps its first position and its last value; integer-like keys come first, ascending.
        Assert.Equal(copied.Properties.Select(p => (p.Key, p.Value.AsNumber)), owned.Properties.Select(p => (p.Key, p.Value.AsNumber)));
        foreach (var key in keys.Append("missing"))
        {
            Assert.Equal(copied[key]?.AsNumber, owned[key]?.AsNumber);
        }
    }

    [Fact]
    public void ARepeatedKeyKeepsItsFirstPositionAndLastValue()
    {
        var owned = JsObject.CreateOwned(new List<KeyValuePair<string, PromptValue>>
        {
            new("a", PromptValue.Number(1)),
            new("b", PromptValue.Number(2)),
            new("a", PromptValue.Number(3)),
        });

        Assert.Equal("{\"a\":3,\"b\":2}", owned.ToString());
    }

    [Fact]
    public void WithReplacesInPlaceOrAppends()
    {
        var value = PromptValue.Object(("a", PromptValue.Number(1)), ("b", PromptValue.Number(2)));
        Assert.Equal("{\"a\":5,\"b\":2}", value.With("a", PromptValue.Number(5)).ToString());
        Assert.Equal("{\"a\":1,\"b\":2,\"c\":3}", value.With("c", PromptValue.Number(3)).ToString());
        Assert.Equal("{\"a\":1,\"b\":2}", value.ToString());
    }
}
