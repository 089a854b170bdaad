using System;
using PromptGen.Evals.Statistics;

namespace PromptGen.Evals.Tests.Statistics;

public class DetectableDropTests
{
    // At alpha 0.05 the fewest significant pass → fail cases with no improvements is 5 (0.5^5 = 0.03125 ≤ 0.05 < 0.0625).
    [Theory]
    [InlineData(10, 0.5)]
    [InlineData(20, 0.25)]
    [InlineData(50, 0.1)]
    [InlineData(100, 0.05)]
    [InlineData(1000, 0.005)]
    public void Smallest_detectable_drop_at_alpha_0_05(int cases, double expected)
    {
        var drop = DetectableDrop.For(cases, 0.05);
        Assert.Equal(5, drop.MinimumCases);
        Assert.Equal(expected, drop.Rate, 12);
        Assert.True(drop.IsDetectable);
    }

    [Theory]
    [InlineData(0.01, 7)]
    [InlineData(0.03125, 5)] // exactly 0.5^5
    [InlineData(0.1, 4)]
    [InlineData(0.5, 1)]
    [InlineData(0.001, 10)]
    public void Minimum_cases_is_the_smallest_k_with_half_to_the_k_at_most_alpha(double alpha, int k)
    {
        Assert.Equal(k, DetectableDrop.For(100, alpha).MinimumCases);
    }

    [Fact]
    public void Drop_really_is_significant_at_the_boundary_and_not_below()
    {
        foreach (var n in new[] { 10, 20, 50, 100, 1000 })
        {
            var k = DetectableDrop.For(n, 0.05).MinimumCases;
            Assert.True(SignTest.OneSided(k, 0).IsSignificant(0.05));
            Assert.False(SignTest.OneSided(k - 1, 0).IsSignificant(0.05));
        }
    }

    [Fact]
    public void Tiny_suites_cannot_detect_any_drop()
    {
        var drop = DetectableDrop.For(4, 0.05);
        Assert.False(drop.IsDetectable);
        Assert.True(drop.Rate > 1.0);
        Assert.False(drop.CanDetect(1.0));
        Assert.True(DetectableDrop.For(5, 0.05).CanDetect(1.0));
        Assert.False(DetectableDrop.For(0, 0.05).IsDetectable);
    }

    [Fact]
    public void Alpha_must_be_a_probability()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DetectableDrop.For(10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DetectableDrop.For(10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DetectableDrop.For(-1, 0.05));
    }
}
