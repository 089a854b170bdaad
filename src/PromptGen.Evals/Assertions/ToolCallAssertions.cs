using PromptGen.Evals.Recording;
using PromptGen.Evals.Results;
using PromptGen.Language.Evals;
using PromptGen.Language.Values;

namespace PromptGen.Evals.Assertions;

/// <summary>
/// Scores the tool assertions on the tool calls the model made during a trial (every turn, in order):
/// <c>tool-called</c> holds when some call of the tool has arguments that contain the expected ones (as
/// <c>json-subset</c> compares), <c>tool-not-called</c> when no call names the tool, <c>max-tool-calls</c> when the
/// number of calls is at most the limit.
/// </summary>
public static class ToolCallAssertions
{
    /// <summary>Whether <paramref name="kind"/> is one of the tool assertions.</summary>
    public static bool Handles(EvalAssertionKind kind) =>
        kind is EvalAssertionKind.ToolCalled or EvalAssertionKind.ToolNotCalled or EvalAssertionKind.MaxToolCalls;

    /// <summary>Scores a tool assertion on the calls in <paramref name="subject"/>.</summary>
    public static AssertionOutcome Score(EvalAssertion assertion, AssertionSubject subject)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        ArgumentNullException.ThrowIfNull(subject);
        var calls = subject.ToolCalls;
        switch (assertion.Kind)
        {
            case EvalAssertionKind.MaxToolCalls:
                var limit = (long)(assertion.Maximum ?? 0);
                return Outcome(assertion, calls.Count <= limit, $"expected at most {limit} tool calls, the model made {calls.Count}: {List(calls)}", calls.Count);
            case EvalAssertionKind.ToolNotCalled:
                var made = calls.Where(c => c.Name == assertion.ToolName).ToList();
                return Outcome(assertion, made.Count == 0, $"the model called '{assertion.ToolName}' {made.Count} time(s): {List(made)}");
            case EvalAssertionKind.ToolCalled:
                var named = calls.Where(c => c.Name == assertion.ToolName).ToList();
                if (named.Count == 0)
                {
                    return Outcome(assertion, false, calls.Count == 0 ? $"the model called no tool; expected '{assertion.ToolName}'" : $"the model did not call '{assertion.ToolName}'; it called {List(calls)}");
                }

                if (assertion.Expected is not { } expected) return Outcome(assertion, true, string.Empty);
                string where = "$";
                foreach (var call in named)
                {
                    if (!PromptJson.TryParse(call.ArgumentsJson, out var arguments, out _) || arguments is null) continue;
                    if (JsonSubset.Contains(arguments, expected, out where)) return Outcome(assertion, true, string.Empty);
                }

                return Outcome(assertion, false, $"no call of '{assertion.ToolName}' has the arguments {PromptJson.Serialize(expected)} (first difference at {where}); calls: {List(named)}");
            default:
                throw new ArgumentException($"'{assertion.Keyword}' is not a tool assertion.", nameof(assertion));
        }
    }

    private static string List(IReadOnlyList<RecordedToolCall> calls) =>
        calls.Count == 0 ? "none" : string.Join(", ", calls.Select(c => $"{c.Name}({Shorten(c.ArgumentsJson)})"));

    private static string Shorten(string text) => text.Length <= 200 ? text : text.Substring(0, 199) + "…";

    private static AssertionOutcome Outcome(EvalAssertion assertion, bool passed, string message, double? score = null) =>
        new(assertion.Keyword, assertion.Description, passed, assertion.Gating, passed ? null : message, score, assertion.Span.StartLine);
}
