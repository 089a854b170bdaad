using PromptGen.Evals.Results;

namespace PromptGen.Evals.Gate;

/// <summary>Finds what to show for a failed case.</summary>
public static class CaseFailures
{
    /// <summary>The first failing gating assertion of the first failing trial, or <c>null</c>.</summary>
    public static AssertionOutcome? FirstFailingAssertion(CaseResult result) =>
        result.Trials
            .Where(t => !t.IsError && !t.Passed)
            .SelectMany(t => t.Assertions)
            .FirstOrDefault(a => a.Gating && !a.Passed);

    /// <summary>A one-line reason: the first failing assertion (with its message) or the first error.</summary>
    public static string? FirstReason(CaseResult result)
    {
        var error = result.Trials.FirstOrDefault(t => t.IsError);
        if (error is not null) return error.Error;
        var assertion = FirstFailingAssertion(result);
        if (assertion is null) return null;
        return assertion.Message is null ? assertion.Description : $"{assertion.Description}: {assertion.Message}";
    }
}
