using PromptGen.Streaming;

namespace PromptGen.Tests.Streaming;

/// <summary>
/// What a generated partial record reads through its <see cref="PartialSource"/>: a position taken at one update keeps
/// reading the values of that update while the answer grows.
/// </summary>
public sealed class PartialSourceTests
{
    [Fact]
    public void A_text_position_reads_the_text_it_had_and_zero_is_not_started()
    {
        var reader = new StreamingJsonReader();
        reader.Append("{\"a\": \"he");
        var root = (StreamingObject)reader.Root!;
        var source = PartialSource.Streamed(root, 2);
        source.SetField(0, root.ValueAt(0)!);
        var early = PartialValues.TextPosition(root.ValueAt(0));
        reader.Append("llo\", \"b\": \"x\"}");

        Assert.Equal("he", PartialSource.Text(source, 0, early));
        Assert.Equal("hello", PartialSource.Text(source, 0, PartialValues.TextPosition(root.ValueAt(0))));
        Assert.Null(PartialSource.Text(source, 1, 0));
        Assert.Equal(0, PartialValues.TextPosition(null));
    }

    [Fact]
    public void A_list_position_keeps_its_items_and_the_last_ones_text_past_items_that_are_not_strings()
    {
        var reader = new StreamingJsonReader();
        reader.Append("{\"tags\": [\"a\", 1, {}, \"bc");
        var root = (StreamingObject)reader.Root!;
        var source = PartialSource.Streamed(root, 1);
        source.SetField(0, root.ValueAt(0)!);
        var early = PartialValues.StringsPosition(root.ValueAt(0));
        reader.Append("d\", 2, \"e\"");
        var later = PartialValues.StringsPosition(root.ValueAt(0));
        reader.Append(", \"f\"]}");
        var done = PartialValues.StringsPosition(root.ValueAt(0));

        Assert.Equal(new[] { "a", "bc" }, PartialSource.Strings(source, 0, early));
        Assert.Equal(new[] { "a", "bcd", "e" }, PartialSource.Strings(source, 0, later));
        Assert.Equal(new[] { "a", "bcd", "e", "f" }, PartialSource.Strings(source, 0, done));
        Assert.Null(PartialSource.Strings(source, 0, 0));
        Assert.Equal(0, PartialValues.StringsPosition(root));
    }

    [Fact]
    public void A_number_is_read_once_complete_and_a_record_without_its_bit_does_not_have_it()
    {
        var reader = new StreamingJsonReader();
        reader.Append("{\"n\": 12, \"e\": \"x\"");
        var root = (StreamingObject)reader.Root!;
        var source = PartialSource.Streamed(root, 2);
        source.SetField(0, root.ValueAt(0)!);

        Assert.Equal(12L, PartialValues.Int64(root.ValueAt(0)));
        Assert.Equal(12L, PartialSource.Value<long>(source, 0, present: true));
        Assert.Null(PartialSource.Value<long>(source, 0, present: false));
        Assert.Null(PartialSource.Value<long>(source, 1, present: true));
        Assert.Equal(7L, PartialSource.Value<long>(PartialSource.Give(source, 0, 7L, 12L), 0, present: true));
        Assert.Null(PartialSource.Value<long>(PartialSource.Give(source, 0, null, 12L), 0, present: true));
    }

    [Fact]
    public void The_completeness_at_a_position_is_the_one_it_had()
    {
        var reader = new StreamingJsonReader();
        reader.Append("{\"a\": 1, \"b\": \"");
        var root = (StreamingObject)reader.Root!;
        var source = PartialSource.Streamed(root, 2);
        var early = PartialFields.PositionOf(root);
        reader.Append("x\"}");

        var then = PartialSource.Fields(source, early);
        var now = PartialSource.Fields(source, PartialFields.PositionOf(root));
        Assert.Equal((2, 1, false), (then.StartedCount, then.CompletedCount, then.IsClosed));
        Assert.Equal((2, 2, true), (now.StartedCount, now.CompletedCount, now.IsClosed));
        Assert.Same(PartialFields.Of(root), now);
        Assert.Same(PartialFields.None, PartialSource.Fields(source, 0));
    }

    [Fact]
    public void A_given_value_replaces_the_streamed_one_in_a_new_source_and_the_same_value_is_no_change()
    {
        var reader = new StreamingJsonReader();
        reader.Append("{\"a\": \"x\", \"b\": \"y");
        var root = (StreamingObject)reader.Root!;
        var source = PartialSource.Streamed(root, 2);
        source.SetField(0, root.ValueAt(0)!);
        source.SetField(1, root.ValueAt(1)!);

        var given = PartialSource.Give(source, 1, "given", "y");
        Assert.Same(source, PartialSource.Give(source, 1, "y", "y"));
        Assert.Equal("given", PartialSource.Text(given, 1, 2));
        Assert.Equal("x", PartialSource.Text(given, 0, 2));
        Assert.Equal("y", PartialSource.Text(source, 1, 2));
        Assert.Equal(given, PartialSource.Give(source, 1, "given", "y"));
        Assert.NotEqual(given, PartialSource.Give(source, 1, "other", "y"));
        Assert.NotEqual(source, given);
        Assert.Null(PartialSource.Give(null, 0, null, null));
        Assert.Null(PartialSource.Text(PartialSource.Give(given, 1, null, "given"), 1, 2));
        Assert.Same(PartialFields.None, PartialSource.Fields(PartialSource.Give(source, -1, null, PartialFields.Of(root)), PartialFields.PositionOf(root)));
    }
}
