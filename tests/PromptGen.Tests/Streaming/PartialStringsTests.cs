using PromptGen.Streaming;

namespace PromptGen.Tests.Streaming;

public sealed class PartialStringsTests
{
    [Fact]
    public void A_view_keeps_the_items_it_had_while_the_list_grows()
    {
        var reader = new StreamingJsonReader();
        reader.Append("[\"ab\", \"c");
        var early = PartialStrings.Of(reader.Root);
        reader.Append("d\", \"e\"]");
        var late = PartialStrings.Of(reader.Root);

        Assert.Equal(new[] { "ab", "c" }, early.Value);
        Assert.Equal(new[] { "ab", "cd", "e" }, late.Value);
        Assert.NotEqual(early, late);
        Assert.Equal(late, PartialStrings.Of(reader.Root));
    }

    [Fact]
    public void A_list_given_whole_equals_a_streamed_one_with_the_same_items_and_none_is_null()
    {
        var reader = new StreamingJsonReader();
        reader.Append("[\"x\", \"y\"]");

        Assert.Equal(PartialStrings.From(new[] { "x", "y" }), PartialStrings.Of(reader.Root));
        Assert.NotEqual(PartialStrings.From(new[] { "x" }), PartialStrings.Of(reader.Root));
        Assert.Null(PartialStrings.Of(null).Value);
        Assert.Equal(default, PartialStrings.From(null));
        var opened = new StreamingJsonReader();
        opened.Append("[");
        Assert.Empty(PartialStrings.Of(opened.Root).Value!);
    }
}
