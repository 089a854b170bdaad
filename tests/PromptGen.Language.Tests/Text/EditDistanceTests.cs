using System;
using PromptGen.Language.Text;

namespace PromptGen.Language.Tests.Text;

public sealed class EditDistanceTests
{
    /// <summary>The textbook optimal-string-alignment table, as the reference the bounded band must agree with.</summary>
    private static int Reference(string a, string b, bool transpositions)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (transpositions && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_bounded_band_agrees_with_the_full_table(bool transpositions)
    {
        var random = new Random(1234);
        string Word() => new string(' ', random.Next(0, 9)).Replace(' ', 'x').ToCharArray() is var chars
            ? new string(Array.ConvertAll(chars, _ => "abcd"[random.Next(4)]))
            : string.Empty;
        for (var n = 0; n < 3000; n++)
        {
            var (a, b) = (Word(), Word());
            var bound = random.Next(0, 6);
            var expected = Reference(a, b, transpositions);
            Assert.Equal(expected <= bound ? expected : bound + 1, EditDistance.Distance(a, b, bound, transpositions));
            Assert.Equal(expected, EditDistance.Distance(a, b, transpositions));
        }
    }

    [Fact]
    public void A_swap_is_one_edit_only_with_transpositions()
    {
        Assert.Equal(2, EditDistance.Distance("nmae", "name"));
        Assert.Equal(1, EditDistance.Distance("nmae", "name", transpositions: true));
    }
}
