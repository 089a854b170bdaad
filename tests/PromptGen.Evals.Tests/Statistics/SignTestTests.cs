using PromptGen.Evals.Statistics;

namespace PromptGen.Evals.Tests.Statistics;

public class SignTestTests
{
    [Theory]
    [InlineData(8, 2, 0.0546875)]
    [InlineData(15, 5, 0.020694732666015625)]
    [InlineData(5, 0, 0.03125)]
    [InlineData(4, 0, 0.0625)]
    [InlineData(0, 0, 1.0)]
    [InlineData(0, 3, 1.0)]
    [InlineData(1, 1, 0.75)]
    public void P_value_is_the_upper_binomial_tail(int worsened, int improved, double expected)
    {
        var result = SignTest.OneSided(worsened, improved);
        Assert.Equal(expected, result.PValue);
        Assert.Equal(worsened + improved, result.Discordant);
    }

    [Fact]
    public void Significance_is_p_at_most_alpha()
    {
        Assert.True(SignTest.OneSided(5, 0).IsSignificant(0.05));
        Assert.False(SignTest.OneSided(4, 0).IsSignificant(0.05));
        Assert.False(SignTest.OneSided(8, 2).IsSignificant(0.05));
        Assert.True(SignTest.OneSided(8, 2).IsSignificant(0.0546875)); // p == alpha is significant
    }
}
