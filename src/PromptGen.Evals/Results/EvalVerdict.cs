namespace PromptGen.Evals.Results;

/// <summary>The verdict of a case or a suite (PRODUCT §6).</summary>
public enum EvalVerdict
{
    /// <summary>Passes (and did in the baseline, or there is no regression to speak of).</summary>
    Pass,

    /// <summary>Fails, and is not a regression (it failed in the baseline too, or the drop is within tolerance).</summary>
    Fail,

    /// <summary>Passed in the baseline and fails now, beyond the tolerance and significant at alpha.</summary>
    Regressed,

    /// <summary>Mixed results across trials.</summary>
    Flaky,

    /// <summary>Fewer passes than the baseline, but the suite cannot tell a regression from noise.</summary>
    Inconclusive,

    /// <summary>An infrastructure or provider error kept the case from being judged; never a regression.</summary>
    Error,

    /// <summary>In the baseline but no longer in the eval file.</summary>
    Stale,

    /// <summary>In the eval file but not in the baseline.</summary>
    New,
}
