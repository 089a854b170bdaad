using System.Linq;
using PromptGen.Streaming;

namespace PromptGen.Tests.Streaming;

/// <summary>A streamed list of strings: each update is a snapshot, its last item's text built only when read.</summary>
public sealed class PartialStringListTests
{
    [Fact]
    public void An_earlier_update_keeps_the_text_its_last_item_had_then()
    {
        var reader = new StreamingJsonReader();
        reader.Append("[\"ab\", \"c");
        var first = PartialValues.StringList(reader.Root)!;
        reader.Append("d\", \"e");
        var second = PartialValues.StringList(reader.Root)!;

        Assert.Equal(new[] { "ab", "c" }, first.ToArray());
        Assert.Equal(2, first.Count);
        Assert.Equal("c", first[1]);
        Assert.Equal(new[] { "ab", "cd", "e" }, second.ToArray());
        Assert.Equal("[ab, cd, e]", second.ToString());
        // A complete item is shared by the updates: its text is built once, when first read.
        Assert.Same(first[0], second[0]);
    }

    [Fact]
    public void An_unchanged_array_gives_the_same_snapshot_and_a_pending_number_is_not_an_item()
    {
        var reader = new StreamingJsonReader();
        reader.Append("[\"a\", 1");
        var first = PartialValues.StringList(reader.Root)!;

        Assert.Same(first, PartialValues.StringList(reader.Root));
        Assert.Equal(new[] { "a" }, first.ToArray());
        Assert.Throws<System.ArgumentOutOfRangeException>(() => first[1]);
        Assert.Null(PartialValues.StringList(null));
    }
}
