namespace PromptGen.Evals.Statistics;

/// <summary>
/// The tolerance rule: a significant drop still only counts as a regression when the pass-rate drop over the
/// paired cases, (b − c) / n, is strictly greater than the configured tolerance. A drop exactly at the tolerance
/// is tolerated. Comparisons allow <see cref="Epsilon"/> so that, e.g., 1/20 is "equal to" a tolerance of 0.05.
/// </summary>
public static class ToleranceRule
{
    /// <summary>Slack for floating-point comparisons of rates.</summary>
    public const double Epsilon = 1e-9;

    /// <summary>The net pass-rate drop over <paramref name="paired"/> cases: (worsened − improved) / paired; 0 when nothing is paired.</summary>
    public static double Drop(int worsened, int improved, int paired) =>
        paired <= 0 ? 0.0 : (double)(worsened - improved) / paired;

    /// <summary>Whether <paramref name="drop"/> is strictly greater than <paramref name="tolerance"/>.</summary>
    public static bool Exceeds(double drop, double tolerance) => drop > tolerance + Epsilon;
}
