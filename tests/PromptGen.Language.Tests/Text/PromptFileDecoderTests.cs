using System.Linq;
using System.Text;
using PromptGen.Language.Text;

namespace PromptGen.Language.Tests.Text;

public sealed class PromptFileDecoderTests
{
    [Fact]
    public void Valid_utf8_decodes_without_diagnostics()
    {
        var text = PromptFileDecoder.Decode(Encoding.UTF8.GetBytes("héllo 😀 世界\n"), "a.prompt", out var diagnostics);

        Assert.Equal("héllo 😀 世界\n", text);
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xFF }, 1)]                    // never valid
    [InlineData(new byte[] { 0x61, 0xC0, 0x80 }, 1)]              // overlong NUL
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, 0)]              // encoded surrogate
    [InlineData(new byte[] { 0x61, 0x62, 0xE4, 0xB8 }, 2)]        // truncated sequence
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, 0)]        // above U+10FFFF
    [InlineData(new byte[] { 0xE4, 0xB8, 0x96, 0x80 }, 3)]        // stray continuation byte
    public void Finds_the_first_ill_formed_sequence(byte[] bytes, int expectedOffset)
    {
        Assert.Equal(expectedOffset, PromptFileDecoder.FindFirstInvalidSequence(bytes));
    }

    [Fact]
    public void Reports_pg0005_at_the_line_and_column_of_the_bad_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("line one\nsé").Concat(new byte[] { 0x80 }).Concat(Encoding.UTF8.GetBytes("x")).ToArray();

        var text = PromptFileDecoder.Decode(bytes, "p.prompt", out var diagnostics);

        Assert.Equal("line one\nsé\uFFFDx", text);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("PG0005", diagnostic.Id);
        Assert.Equal((2, 3), (diagnostic.Line, diagnostic.Column));
    }
}
