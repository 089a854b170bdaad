namespace PromptGen.Evals.Results;

/// <summary>One assertion or check scored on one trial.</summary>
/// <param name="Kind">The assertion type as written (<c>equals</c>, <c>icontains-any</c>, <c>llm-rubric</c>, ...).</param>
/// <param name="Description">A short human description, e.g. <c>category equals billing</c>.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Gating"><c>true</c> for <c>assert</c>, <c>false</c> for <c>check</c> (reported, never gating).</param>
/// <param name="Message">Why it failed (expected vs actual), or <c>null</c>.</param>
/// <param name="Score">A numeric score where the assertion has one (levenshtein distance, similarity, rubric score).</param>
/// <param name="Line">Line of the assertion in the eval file (1-based), for locating failures.</param>
public sealed record AssertionOutcome(
    string Kind,
    string Description,
    bool Passed,
    bool Gating,
    string? Message = null,
    double? Score = null,
    int Line = 0);
