namespace PromptGen.Evals.Gate;

/// <summary>
/// The eval file's <c>gate</c> settings. Defaults when the file has no <c>gate</c> key: no pass-rate floor,
/// a 5% tolerance and alpha 0.05 (critical cases and regressions are still gated).
/// </summary>
public sealed record GateSettings
{
    /// <summary>Floor on the share of judged cases that pass (0..1).</summary>
    public double MinPassRate { get; init; }

    /// <summary>A significant drop must be strictly larger than this (0..1) to count as a regression.</summary>
    public double Tolerance { get; init; } = 0.05;

    /// <summary>Significance level of the one-sided paired sign test (exclusive 0..1).</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Line of the <c>gate</c> key (or 1), where suite-level findings are reported.</summary>
    public int Line { get; init; } = 1;

    public int Column { get; init; } = 1;

    /// <summary>Problems with the values, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(MinPassRate >= 0.0 && MinPassRate <= 1.0)) problems.Add("min-pass-rate must be between 0 and 1.");
        if (!(Tolerance >= 0.0 && Tolerance <= 1.0)) problems.Add("tolerance must be between 0 and 1.");
        if (!(Alpha > 0.0 && Alpha < 1.0)) problems.Add("alpha must be greater than 0 and less than 1.");
        return problems;
    }
}
