using System.Linq;
using PromptGen.Language.Text;

namespace PromptGen.Language.Tests.Text;

public class LineMapTests
{
    [Theory]
    [InlineData("")]
    [InlineData("one line")]
    [InlineData("a\nb\r\nc\rd\n")]
    [InlineData("\n\n\r\r\n\r\n\n")]
    [InlineData("---\r\nname: x\r\n---\r\nHello {{name}}\r\n")]
    public void PositionsMatchACountOfLineBreaksInAnyLookupOrder(string text)
    {
        var map = new LineMap(text);
        var offsets = Enumerable.Range(0, text.Length + 1).ToList();

        // Forwards, backwards and shuffled, since the map remembers the line of its last lookup.
        var shuffled = offsets.OrderBy(o => (o * 7919) % 101).ToList();
        foreach (var order in new[] { offsets, Enumerable.Reverse(offsets).ToList(), shuffled })
        {
            foreach (var offset in order)
            {
                map.GetPosition(offset, out var line, out var column);
                var (expectedLine, expectedColumn) = CountPosition(text, offset);
                Assert.Equal((expectedLine, expectedColumn), (line, column));
            }
        }
    }

    [Fact]
    public void CountsLinesEndedByEachKindOfBreak()
    {
        var map = new LineMap("a\nb\r\nc\rd");
        Assert.Equal(4, map.LineCount);
        Assert.Equal(new[] { 0, 2, 5, 7 }, Enumerable.Range(1, 4).Select(map.GetLineStart));
    }

    [Fact]
    public void ClampsOffsetsOutsideTheText()
    {
        var map = new LineMap("ab\ncd");
        map.GetPosition(-5, out var line, out var column);
        Assert.Equal((1, 1), (line, column));
        map.GetPosition(99, out line, out column);
        Assert.Equal((2, 3), (line, column));
    }

    private static (int Line, int Column) CountPosition(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
            if (text[i] == '\r' || text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }
}
