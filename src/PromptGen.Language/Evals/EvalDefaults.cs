namespace PromptGen.Language.Evals;

/// <summary>The file's <c>defaults:</c> for every case: <c>trials</c> (default 1) and <c>pass-when</c> (default <c>all</c>).</summary>
public sealed class EvalDefaults
{
    public static EvalDefaults Standard { get; } = new();

    /// <summary>How many times each case calls the model.</summary>
    public int Trials { get; init; } = 1;

    /// <summary>How many of the trials must pass for the case to pass.</summary>
    public EvalPassRule PassWhen { get; init; } = EvalPassRule.All;
}
