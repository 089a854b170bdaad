namespace PromptGen.Evals.Statistics;

/// <summary>The statistical half of gate step 3 for one suite: sign test, tolerance and detectability together.</summary>
/// <param name="Paired">n: cases judged now and present in the baseline.</param>
/// <param name="SignTest">The one-sided paired sign test on the discordant cases.</param>
/// <param name="Drop">The net pass-rate drop (b − c) / n.</param>
/// <param name="Detectable">The smallest drop this many paired cases can detect.</param>
/// <param name="Alpha">Significance level.</param>
/// <param name="Tolerance">Drop that is tolerated.</param>
public readonly record struct RegressionTest(int Paired, SignTestResult SignTest, double Drop, DetectableDrop Detectable, double Alpha, double Tolerance)
{
    public bool IsSignificant => SignTest.IsSignificant(Alpha);

    public bool ExceedsTolerance => ToleranceRule.Exceeds(Drop, Tolerance);

    /// <summary>Both conditions of step 3: significant at alpha and a drop beyond the tolerance.</summary>
    public bool IsRegression => IsSignificant && ExceedsTolerance;

    /// <summary>A drop beyond the tolerance that the test cannot call: regression and noise are indistinguishable.</summary>
    public bool IsInconclusive => ExceedsTolerance && !IsSignificant;

    /// <summary>Whether the suite is large enough to detect a drop of the configured tolerance at all.</summary>
    public bool CanDetectTolerance => Detectable.CanDetect(Tolerance);

    public static RegressionTest Run(int paired, int worsened, int improved, double alpha, double tolerance) =>
        new(
            paired,
            Statistics.SignTest.OneSided(worsened, improved),
            ToleranceRule.Drop(worsened, improved, paired),
            DetectableDrop.For(paired, alpha),
            alpha,
            tolerance);
}
