namespace PromptGen.Evals.Statistics;

/// <summary>The outcome of a one-sided paired sign test on baseline → current case outcomes.</summary>
/// <param name="Worsened">b: cases that passed in the baseline and fail now.</param>
/// <param name="Improved">c: cases that failed in the baseline and pass now.</param>
/// <param name="PValue">P(X ≥ b) for X ~ Binomial(b + c, 1/2); 1 when nothing changed.</param>
public readonly record struct SignTestResult(int Worsened, int Improved, double PValue)
{
    /// <summary>The discordant pairs, b + c; ties (unchanged cases) carry no information in a sign test.</summary>
    public int Discordant => Worsened + Improved;

    /// <summary>Whether the worsening is significant at <paramref name="alpha"/> (p ≤ alpha).</summary>
    public bool IsSignificant(double alpha) => PValue <= alpha;
}

/// <summary>
/// One-sided paired sign test: under "no change", each discordant case is equally likely to have gone either way,
/// so the number that worsened is Binomial(b + c, 1/2) and the p-value is the chance of at least b worsening.
/// </summary>
public static class SignTest
{
    public static SignTestResult OneSided(int worsened, int improved)
    {
        if (worsened < 0) throw new ArgumentOutOfRangeException(nameof(worsened), worsened, "Counts cannot be negative.");
        if (improved < 0) throw new ArgumentOutOfRangeException(nameof(improved), improved, "Counts cannot be negative.");
        var n = worsened + improved;
        var p = n == 0 ? 1.0 : Binomial.UpperTail(n, worsened);
        return new SignTestResult(worsened, improved, p);
    }
}
