namespace PromptGen.Evals.Providers;

/// <summary>The run's cost budget is spent; every further model call fails with this (PG1004).</summary>
public sealed class EvalBudgetExceededException : EvalProviderException
{
    public EvalBudgetExceededException(decimal budget, decimal spent)
        : base(
            ProviderErrorKind.Budget,
            $"Eval cost budget exceeded: spent {spent.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)} " +
            $"of {budget.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)}; no further model calls are made.")
    {
        Budget = budget;
        Spent = spent;
    }

    public decimal Budget { get; }

    public decimal Spent { get; }
}
