namespace PromptGen.Evals.Statistics;

/// <summary>
/// The smallest pass-rate drop a suite can detect with the sign test.
/// Definition: for a suite of N comparable cases at significance alpha, the smallest drop d such that a drop of
/// ⌈d·N⌉ cases (pass → fail) with no improvements is significant. With no improvements the p-value of k worsened
/// cases is 0.5^k, so the smallest detectable drop is k/N for the smallest k with 0.5^k ≤ alpha (k = ⌈log₂(1/alpha)⌉).
/// When k &gt; N no drop at all can be detected and <see cref="Rate"/> is greater than 1.
/// </summary>
/// <param name="CaseCount">N, the cases that can be compared against the baseline.</param>
/// <param name="MinimumCases">k, the fewest pass → fail cases that can be significant at <paramref name="Alpha"/>.</param>
/// <param name="Alpha">The significance level.</param>
public readonly record struct DetectableDrop(int CaseCount, int MinimumCases, double Alpha)
{
    /// <summary>k / max(N, 1): greater than 1 when no drop is detectable (check <see cref="IsDetectable"/>); always finite.</summary>
    public double Rate => (double)MinimumCases / System.Math.Max(CaseCount, 1);

    /// <summary>Whether any drop at all is detectable (k ≤ N).</summary>
    public bool IsDetectable => MinimumCases <= CaseCount;

    /// <summary>Whether a drop of <paramref name="size"/> (a pass-rate fraction) can be detected.</summary>
    public bool CanDetect(double size) => IsDetectable && Rate <= size + ToleranceRule.Epsilon;

    /// <summary>Computes the figure for <paramref name="caseCount"/> cases at <paramref name="alpha"/>.</summary>
    public static DetectableDrop For(int caseCount, double alpha)
    {
        if (caseCount < 0) throw new ArgumentOutOfRangeException(nameof(caseCount), caseCount, "The case count cannot be negative.");
        if (!(alpha > 0.0 && alpha < 1.0)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be between 0 and 1 (exclusive).");

        // 0.5^k is exact in binary floating point for every k up to 1074, so halving compares exactly.
        var k = 0;
        var p = 1.0;
        while (p > alpha)
        {
            p *= 0.5;
            k++;
        }

        return new DetectableDrop(caseCount, k, alpha);
    }
}
