using PromptGen.Evals.Statistics;

namespace PromptGen.Evals.Tests.Statistics;

public class ToleranceRuleTests
{
    [Fact]
    public void Drop_is_net_over_paired_cases()
    {
        Assert.Equal(0.15, ToleranceRule.Drop(5, 2, 20), 12);
        Assert.Equal(-0.1, ToleranceRule.Drop(0, 2, 20), 12);
        Assert.Equal(0.0, ToleranceRule.Drop(0, 0, 0));
    }

    [Theory]
    [InlineData(0.05, 0.05, false)] // exactly at the tolerance is tolerated
    [InlineData(0.0500001, 0.05, true)]
    [InlineData(0.03, 0.03, false)]
    [InlineData(0.01, 0.0, true)]
    [InlineData(0.0, 0.0, false)]
    public void A_drop_counts_only_when_strictly_beyond_the_tolerance(double drop, double tolerance, bool exceeds)
    {
        Assert.Equal(exceeds, ToleranceRule.Exceeds(drop, tolerance));
    }

    [Fact]
    public void Rounding_does_not_push_an_exact_tolerance_over()
    {
        // 3/100 as computed vs the literal 0.03.
        Assert.False(ToleranceRule.Exceeds(ToleranceRule.Drop(3, 0, 100), 0.03));
        Assert.False(ToleranceRule.Exceeds(ToleranceRule.Drop(1, 0, 20), 0.05));
    }

    [Fact]
    public void Regression_needs_significance_and_tolerance()
    {
        // 5 of 20 worsened, none improved: p = 1/32, drop 25%.
        Assert.True(RegressionTest.Run(20, 5, 0, 0.05, 0.05).IsRegression);
        // Same significance, but the tolerance is larger than the drop.
        var tolerated = RegressionTest.Run(20, 5, 0, 0.05, 0.30);
        Assert.True(tolerated.IsSignificant);
        Assert.False(tolerated.IsRegression);
        Assert.False(tolerated.IsInconclusive);
        // Beyond tolerance, not significant: inconclusive.
        var unclear = RegressionTest.Run(10, 4, 0, 0.05, 0.05);
        Assert.False(unclear.IsSignificant);
        Assert.True(unclear.IsInconclusive);
        Assert.False(unclear.CanDetectTolerance); // 10 cases detect 50% at best
    }
}
