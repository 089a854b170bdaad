using PromptGen.Evals.Statistics;

namespace PromptGen.Evals.Experiments;

/// <summary>
/// The statistics of an experiment: the Wilson score interval of a pass rate, the exact two-sided McNemar test (the
/// sign test on the cases where two arms disagree) and the smallest difference that test can detect on a suite.
/// </summary>
public static class ExperimentStatistics
{
    /// <summary>The z value of a 95 % two-sided interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The Wilson score interval of <paramref name="passed"/> out of <paramref name="total"/> (95 %); (0, 1) with no cases.</summary>
    public static (double Low, double High) Wilson(int passed, int total, double z = Z95)
    {
        if (total <= 0) return (0, 1);
        var p = (double)passed / total;
        var z2 = z * z;
        var denominator = 1 + z2 / total;
        var centre = (p + z2 / (2 * total)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / total + z2 / (4.0 * total * total)) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// Exact two-sided McNemar p-value: of the <paramref name="improved"/> + <paramref name="worsened"/> cases where the
    /// arms disagree, how unlikely a split at least this uneven is when neither arm is better.
    /// </summary>
    public static double McNemarExact(int improved, int worsened)
    {
        var n = improved + worsened;
        if (n == 0) return 1;
        return Math.Min(1, 2 * Binomial.UpperTail(n, Math.Max(improved, worsened)));
    }

    /// <summary>
    /// The fewest cases, all moving one way, that the exact test calls significant at <paramref name="alpha"/>; with
    /// <c>caseCount</c> cases the smallest detectable pass-rate difference is this over the case count.
    /// </summary>
    public static int MinimumDiscordant(double alpha)
    {
        var k = 1;
        while (McNemarExact(k, 0) > alpha) k++;
        return k;
    }

    /// <summary>The smallest pass-rate difference the suite can detect (1.0 or more when it cannot detect any).</summary>
    public static double MinimumDetectableDifference(int caseCount, double alpha) =>
        caseCount <= 0 ? 1 : (double)MinimumDiscordant(alpha) / caseCount;

    /// <summary>The value at <paramref name="percentile"/> (0–100) by the nearest-rank method; 0 with no values.</summary>
    public static long Percentile(long[] sorted, double percentile)
    {
        if (sorted.Length == 0) return 0;
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Min(sorted.Length - 1, Math.Max(0, rank - 1))];
    }
}
