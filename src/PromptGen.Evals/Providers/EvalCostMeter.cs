using Microsoft.Extensions.AI;

namespace PromptGen.Evals.Providers;

/// <summary>
/// Adds up what a run's model calls cost from their token usage and stops the run at the budget:
/// once spend exceeds <see cref="Budget"/>, <see cref="EnsureWithinBudget"/> throws <see cref="EvalBudgetExceededException"/>.
/// Thread-safe; one meter per run, shared by the app, judge and embedding clients.
/// </summary>
public sealed class EvalCostMeter
{
    private readonly object _gate = new();
    private decimal _spent;

    /// <param name="inputPricePerMillionTokens">Price per 1M input tokens (0 when unknown).</param>
    /// <param name="outputPricePerMillionTokens">Price per 1M output tokens (0 when unknown).</param>
    /// <param name="budget">Maximum spend; <c>null</c> for no limit.</param>
    public EvalCostMeter(decimal inputPricePerMillionTokens, decimal outputPricePerMillionTokens, decimal? budget = null)
    {
        if (inputPricePerMillionTokens < 0 || outputPricePerMillionTokens < 0)
            throw new ArgumentOutOfRangeException(nameof(inputPricePerMillionTokens), "Prices cannot be negative.");
        if (budget < 0)
            throw new ArgumentOutOfRangeException(nameof(budget), "The budget cannot be negative.");
        InputPricePerMillionTokens = inputPricePerMillionTokens;
        OutputPricePerMillionTokens = outputPricePerMillionTokens;
        Budget = budget;
    }

    /// <summary>A meter for the prices and budget in <paramref name="options"/>, or <c>null</c> when none is set.</summary>
    public static EvalCostMeter? FromOptions(EvalProviderOptions options)
    {
        if (options.InputPricePerMillionTokens is null && options.OutputPricePerMillionTokens is null && options.Budget is null)
            return null;
        return new EvalCostMeter(options.InputPricePerMillionTokens ?? 0, options.OutputPricePerMillionTokens ?? 0, options.Budget);
    }

    public decimal InputPricePerMillionTokens { get; }

    public decimal OutputPricePerMillionTokens { get; }

    public decimal? Budget { get; }

    /// <summary>Total spend so far (for progress output).</summary>
    public decimal Spent
    {
        get
        {
            lock (_gate)
                return _spent;
        }
    }

    /// <summary>The cost of a call with this usage (no side effect).</summary>
    public decimal CostOf(long? inputTokens, long? outputTokens) =>
        ((inputTokens ?? 0) * InputPricePerMillionTokens + (outputTokens ?? 0) * OutputPricePerMillionTokens) / 1_000_000m;

    /// <summary>Adds a call's cost to the spend and returns it.</summary>
    public decimal Add(UsageDetails? usage)
    {
        var cost = CostOf(usage?.InputTokenCount, usage?.OutputTokenCount);
        lock (_gate)
            _spent += cost;
        return cost;
    }

    /// <summary>Throws when the spend has exceeded the budget.</summary>
    /// <exception cref="EvalBudgetExceededException">The budget is spent.</exception>
    public void EnsureWithinBudget()
    {
        if (Budget is not decimal budget)
            return;
        var spent = Spent;
        // A zero budget allows no call at all; otherwise calls go on until the spend goes over.
        if (spent > budget || budget == 0)
            throw new EvalBudgetExceededException(budget, spent);
    }
}
