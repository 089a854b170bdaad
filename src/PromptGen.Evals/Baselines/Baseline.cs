namespace PromptGen.Evals.Baselines;

/// <summary>
/// The committed results of one eval file, the reference the gate compares against. It holds only what the
/// comparison and the diffs need, nothing that changes from run to run (no timestamps, durations or costs).
/// </summary>
public sealed record Baseline
{
    /// <summary>The file format this library writes; files with a larger number are rejected.</summary>
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    /// <summary>The prompt the eval file tests.</summary>
    public string Prompt { get; init; } = string.Empty;

    /// <summary>Cases by id (ordinal order when written).</summary>
    public IReadOnlyDictionary<string, BaselineCase> Cases { get; init; } = new Dictionary<string, BaselineCase>(StringComparer.Ordinal);

    public BaselineCase? Find(string caseId) => Cases.TryGetValue(caseId, out var found) ? found : null;
}

/// <summary>One case's baseline: trial counts, the pass-rule outcome and per-assertion pass counts.</summary>
public sealed record BaselineCase
{
    public int Trials { get; init; }

    public int PassedTrials { get; init; }

    /// <summary>Whether the case passed under its pass rule.</summary>
    public bool Passed { get; init; }

    /// <summary>Every trial passed (and there was at least one): the "always passed" half of the regression guard.</summary>
    public bool AlwaysPassed => Trials > 0 && PassedTrials == Trials;

    /// <summary>Assertions in eval-file order.</summary>
    public IReadOnlyList<BaselineAssertion> Assertions { get; init; } = Array.Empty<BaselineAssertion>();
}

/// <summary>How many trials one assertion held in.</summary>
/// <param name="Kind">Assertion type as written.</param>
/// <param name="Description">Human description, which identifies the assertion in diffs.</param>
/// <param name="Gating"><c>assert</c> (true) or <c>check</c> (false).</param>
/// <param name="Passed">Trials in which it held.</param>
public sealed record BaselineAssertion(string Kind, string Description, bool Gating, int Passed);
