using System.Globalization;
using PromptGen.Language.Values;

namespace PromptGen.Language.Evals;

/// <summary>How many trials of a case must pass: <c>all</c>, <c>majority</c>, <c>{at-least: N}</c> or <c>{rate: 0.8}</c>.</summary>
public sealed class EvalPassRule : IEquatable<EvalPassRule>
{
    private EvalPassRule(EvalPassRuleKind kind, int atLeast, double rate)
    {
        Kind = kind;
        AtLeast = atLeast;
        Rate = rate;
    }

    public static EvalPassRule All { get; } = new(EvalPassRuleKind.All, 0, 1);

    public static EvalPassRule Majority { get; } = new(EvalPassRuleKind.Majority, 0, 0.5);

    public EvalPassRuleKind Kind { get; }

    /// <summary>For <see cref="EvalPassRuleKind.AtLeast"/>: the number of trials that must pass.</summary>
    public int AtLeast { get; }

    /// <summary>For <see cref="EvalPassRuleKind.Rate"/>: the fraction of trials that must pass (0 &lt; rate ≤ 1).</summary>
    public double Rate { get; }

    public static EvalPassRule AtLeastTrials(int count) =>
        count >= 1 ? new EvalPassRule(EvalPassRuleKind.AtLeast, count, 0) : throw new ArgumentOutOfRangeException(nameof(count));

    public static EvalPassRule AtRate(double rate) =>
        rate > 0 && rate <= 1 ? new EvalPassRule(EvalPassRuleKind.Rate, 0, rate) : throw new ArgumentOutOfRangeException(nameof(rate));

    /// <summary>Whether <paramref name="passed"/> passing trials out of <paramref name="total"/> satisfy the rule.</summary>
    public bool IsSatisfied(int passed, int total)
    {
        if (total <= 0) return false;
        return Kind switch
        {
            EvalPassRuleKind.All => passed == total,
            EvalPassRuleKind.Majority => passed * 2 > total,
            EvalPassRuleKind.AtLeast => passed >= AtLeast,
            _ => passed >= Math.Ceiling((Rate * total) - 1e-9),
        };
    }

    /// <summary>The fewest passing trials out of <paramref name="total"/> that satisfy the rule.</summary>
    public int RequiredPasses(int total) => Kind switch
    {
        EvalPassRuleKind.All => total,
        EvalPassRuleKind.Majority => (total / 2) + 1,
        EvalPassRuleKind.AtLeast => AtLeast,
        _ => (int)Math.Ceiling((Rate * total) - 1e-9),
    };

    /// <summary>The rule as <see cref="M:PromptGen.Evals.Results.CaseResult.PassWhen"/> writes it: <c>all</c>, <c>majority</c>, <c>at-least:N</c>, <c>rate:R</c>.</summary>
    public override string ToString() => Kind switch
    {
        EvalPassRuleKind.All => "all",
        EvalPassRuleKind.Majority => "majority",
        EvalPassRuleKind.AtLeast => "at-least:" + AtLeast.ToString(CultureInfo.InvariantCulture),
        _ => "rate:" + JsNumber.ToString(Rate),
    };

    public bool Equals(EvalPassRule? other) => other is not null && other.Kind == Kind && other.AtLeast == AtLeast && other.Rate.Equals(Rate);

    public override bool Equals(object? obj) => obj is EvalPassRule other && Equals(other);

    public override int GetHashCode() => ((int)Kind * 397) ^ AtLeast ^ Rate.GetHashCode();
}

/// <summary>The forms of <see cref="EvalPassRule"/>.</summary>
public enum EvalPassRuleKind
{
    All,
    Majority,
    AtLeast,
    Rate,
}
