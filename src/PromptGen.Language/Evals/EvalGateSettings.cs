using PromptGen.Language.Text;

namespace PromptGen.Language.Evals;

/// <summary>
/// The file's <c>gate:</c>. Defaults: <c>min-pass-rate: 1.0</c> (like a unit-test suite, every case must pass unless the
/// file says otherwise), <c>tolerance: 0.05</c> and <c>alpha: 0.05</c>.
/// </summary>
public sealed class EvalGateSettings
{
    public const double DefaultMinPassRate = 1.0;
    public const double DefaultTolerance = 0.05;
    public const double DefaultAlpha = 0.05;

    public static EvalGateSettings Standard { get; } = new();

    /// <summary>The lowest share of cases (0..1) that must pass.</summary>
    public double MinPassRate { get; init; } = DefaultMinPassRate;

    /// <summary>A drop in pass rate (0..1) against the baseline smaller than this is never a regression.</summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    /// <summary>Significance level of the one-sided paired sign test (0 &lt; alpha &lt; 1).</summary>
    public double Alpha { get; init; } = DefaultAlpha;

    /// <summary>Where the <c>gate</c> key is written, if it is; suite-level findings are reported there.</summary>
    public SourceSpan? Span { get; init; }
}
