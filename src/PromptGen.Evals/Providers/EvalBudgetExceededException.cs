namespace PromptGen.Evals.Providers;

/// <summary>The run's cost budget is spent; every further model call fails with this (PG1004).</summary>
public sealed class EvalBudgetExceededException(decimal budget, decimal spent) : EvalProviderException(
    ProviderErrorKind.Budget,
    $"Eval cost budget exceeded: spent {spent.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)} " +
    $"of {budget.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)}; no further model calls are made.")
{
    public decimal Budget { get; } = budget;

    public decimal Spent { get; } = spent;
}
