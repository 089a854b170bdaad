using System.Globalization;

namespace PromptGen.Evals.Gate;

/// <summary>Culture-independent number formatting shared by gate messages and reports.</summary>
public static class GateFormat
{
    /// <summary>A rate as a percentage with at most one decimal: 0.9 → "90%", 0.0525 → "5.3%".</summary>
    public static string Percent(double rate) =>
        (rate * 100.0).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>A p-value with four significant digits: 0.0546875 → "0.05469".</summary>
    public static string PValue(double p) => p.ToString("G4", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>The smallest detectable drop as printed on every run.</summary>
    public static string DetectableDrop(Results.GateOutcome gate) =>
        gate.DropDetectable
            ? $"{Percent(gate.SmallestDetectableDrop)} ({gate.DetectableDropCases} of {gate.ComparableCases} cases)"
            : $"none: needs at least {gate.DetectableDropCases} comparable cases, has {gate.ComparableCases}";
}
