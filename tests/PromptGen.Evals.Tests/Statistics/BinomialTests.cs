using System;
using System.Numerics;
using PromptGen.Evals.Statistics;

namespace PromptGen.Evals.Tests.Statistics;

public class BinomialTests
{
    [Theory]
    [InlineData(10, 8, 0.0546875)]
    [InlineData(20, 15, 0.020694732666015625)]
    [InlineData(5, 5, 0.03125)]
    [InlineData(10, 0, 1.0)]
    [InlineData(10, 11, 0.0)]
    [InlineData(1, 1, 0.5)]
    [InlineData(10, 5, 0.623046875)] // 638/1024
    [InlineData(30, 20, 0.049368573352694511)] // 53009101 / 2^30
    public void Fair_upper_tail_is_exact(int n, int k, double expected)
    {
        Assert.Equal(expected, Binomial.UpperTail(n, k));
    }

    [Fact]
    public void Fair_upper_tail_count_matches_the_definition()
    {
        Assert.Equal(new BigInteger(56), Binomial.FairUpperTailCount(10, 8)); // 45 + 10 + 1
        Assert.Equal(new BigInteger(21700), Binomial.FairUpperTailCount(20, 15));
        Assert.Equal(BigInteger.One << 12, Binomial.FairUpperTailCount(12, 0));
    }

    [Fact]
    public void Choose_is_exact_for_large_values()
    {
        Assert.Equal(BigInteger.Parse("100891344545564193334812497256"), Binomial.Choose(100, 50));
        Assert.Equal(BigInteger.Zero, Binomial.Choose(5, 6));
    }

    [Fact]
    public void Large_suites_stay_finite_and_sensible()
    {
        // Symmetric: P(X ≥ n/2 + 1) + P(X ≥ n/2) - P(X = n/2) = 1 in total; just check range and monotonicity.
        var p1 = Binomial.UpperTail(2000, 1050);
        var p2 = Binomial.UpperTail(2000, 1100);
        Assert.InRange(p1, 0.0, 0.02);
        Assert.True(p2 < p1);
        Assert.True(p2 > 0.0);
    }

    [Fact]
    public void Log_space_matches_exact_for_other_p()
    {
        // P(X >= 2 | n = 3, p = 0.2) = 3 * 0.04 * 0.8 + 0.008 = 0.104
        Assert.Equal(0.104, Binomial.UpperTail(3, 2, 0.2), 12);
        Assert.Equal(0.096, Binomial.Probability(3, 2, 0.2), 12);
        // Log-space path for p = 1/2 above the exact limit agrees with exact arithmetic below it.
        Assert.Equal(Binomial.UpperTail(200, 120), Math.Exp(Math.Log(Binomial.UpperTail(200, 120, 0.5000000000001))), 9);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Binomial.UpperTail(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Binomial.UpperTail(3, 1, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Binomial.UpperTail(3, 1, double.NaN));
    }
}
