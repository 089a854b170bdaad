using System.Numerics;

namespace PromptGen.Evals.Statistics;

/// <summary>
/// Binomial distribution helpers. The fair-coin case (p = 1/2), which is all the sign test needs, is computed
/// exactly with integer arithmetic: P(X ≥ k) = Σ C(n, i) / 2ⁿ, converted to <see cref="double"/> once at the end.
/// Other probabilities are summed in log space so large <c>n</c> neither overflows nor underflows.
/// </summary>
public static class Binomial
{
    /// <summary>Above this many trials the fair tail is summed in log space instead of exactly (exact sums grow as n²).</summary>
    public const int ExactLimit = 20000;

    /// <summary>ln C(n, k); negative infinity when k is outside 0..n.</summary>
    public static double LogChoose(int n, int k)
    {
        ValidateTrials(n);
        if (k < 0 || k > n) return double.NegativeInfinity;
        k = Math.Min(k, n - k);
        var sum = 0.0;
        for (var i = 1; i <= k; i++) sum += Math.Log((double)(n - k + i) / i);
        return sum;
    }

    /// <summary>C(n, k) exactly; zero when k is outside 0..n.</summary>
    public static BigInteger Choose(int n, int k)
    {
        ValidateTrials(n);
        if (k < 0 || k > n) return BigInteger.Zero;
        k = Math.Min(k, n - k);
        var result = BigInteger.One;
        for (var i = 1; i <= k; i++) result = result * (n - k + i) / i; // exact: each prefix is itself a binomial coefficient
        return result;
    }

    /// <summary>P(X = k) for X ~ Binomial(n, p).</summary>
    public static double Probability(int n, int k, double p)
    {
        ValidateTrials(n);
        ValidateProbability(p);
        if (k < 0 || k > n) return 0.0;
        if (p == 0.5 && n <= ExactLimit) return ToDouble(Choose(n, k), n);
        return Math.Exp(LogProbability(n, k, p));
    }

    /// <summary>P(X ≥ k) for X ~ Binomial(n, p). Exact for p = 1/2 up to <see cref="ExactLimit"/> trials.</summary>
    public static double UpperTail(int n, int k, double p = 0.5)
    {
        ValidateTrials(n);
        ValidateProbability(p);
        if (k <= 0) return 1.0;
        if (k > n) return 0.0;
        if (p == 0.5 && n <= ExactLimit) return ToDouble(FairUpperTailCount(n, k), n);
        return Math.Min(1.0, Math.Exp(LogUpperTail(n, k, p)));
    }

    /// <summary>Σ_{i ≥ k} C(n, i): the number of the 2ⁿ equally likely fair-coin outcomes with at least k heads.</summary>
    public static BigInteger FairUpperTailCount(int n, int k)
    {
        ValidateTrials(n);
        if (k <= 0) return BigInteger.One << n;
        if (k > n) return BigInteger.Zero;

        // Sum whichever side of the distribution is shorter.
        if (n - k + 1 <= k) return SumChoose(n, k, n);
        return (BigInteger.One << n) - SumChoose(n, 0, k - 1);
    }

    private static BigInteger SumChoose(int n, int from, int to)
    {
        var term = Choose(n, from);
        var sum = BigInteger.Zero;
        for (var i = from; i <= to; i++)
        {
            sum += term;
            term = term * (n - i) / (i + 1); // C(n, i+1) from C(n, i), exact
        }

        return sum;
    }

    private static double LogProbability(int n, int k, double p)
    {
        if (p == 0.0) return k == 0 ? 0.0 : double.NegativeInfinity;
        if (p == 1.0) return k == n ? 0.0 : double.NegativeInfinity;
        return LogChoose(n, k) + (k * Math.Log(p)) + ((n - k) * Math.Log(1.0 - p));
    }

    private static double LogUpperTail(int n, int k, double p)
    {
        // log-sum-exp over the tail terms, anchored at the largest term.
        var max = double.NegativeInfinity;
        for (var i = k; i <= n; i++) max = Math.Max(max, LogProbability(n, i, p));
        if (double.IsNegativeInfinity(max)) return max;
        var sum = 0.0;
        for (var i = k; i <= n; i++) sum += Math.Exp(LogProbability(n, i, p) - max);
        return max + Math.Log(sum);
    }

    /// <summary>numerator / 2^exponent as a double, keeping the top 62 bits of the numerator (exact for dyadic values that fit a double).</summary>
    private static double ToDouble(BigInteger numerator, int exponent)
    {
        if (numerator.IsZero) return 0.0;
        var bits = (int)numerator.GetBitLength();
        var shift = Math.Max(0, bits - 62);
        var mantissa = (double)(ulong)(numerator >> shift);
        return Math.ScaleB(mantissa, shift - exponent);
    }

    private static void ValidateTrials(int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The number of trials cannot be negative.");
    }

    private static void ValidateProbability(double p)
    {
        if (!(p >= 0.0 && p <= 1.0)) throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must be between 0 and 1.");
    }
}
