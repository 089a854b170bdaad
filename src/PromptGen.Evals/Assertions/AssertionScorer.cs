using PromptGen.Language.Text;
using System.Globalization;
using System.Text.RegularExpressions;
using PromptGen.Evals.Results;
using PromptGen.Evals.Security;
using PromptGen.Language.Evals;
using PromptGen.Language.Values;

namespace PromptGen.Evals.Assertions;

/// <summary>
/// Scores one eval assertion on one trial. Pure and deterministic for every kind but <c>llm-rubric</c> and <c>similar</c>,
/// which call the judge and embedding services given to <see cref="ScoreAsync"/>.
/// </summary>
/// <remarks>
/// Text assertions (<c>contains</c>, <c>regex</c>, ...) read the value at <c>path</c> when it is a string, the output's
/// text for text output, and otherwise the value's compact JSON. On a list, the <c>contains</c> family tests the items
/// (<c>contains</c>: some item equals the string; <c>icontains</c>: ignoring case). <c>equals</c> on text output compares
/// the text with surrounding whitespace trimmed; elsewhere it compares JSON values (numbers by value, object keys in any order).
/// </remarks>
public static class AssertionScorer
{
    // Levenshtein distances up to this are reported exactly even when they fail the assertion.
    private const int ExactDistanceReported = 64;

    /// <summary>Scores an assertion that needs no model (every kind but <c>llm-rubric</c> and <c>similar</c>).</summary>
    /// <exception cref="AssertionServiceException">For <c>llm-rubric</c> and <c>similar</c>: use <see cref="ScoreAsync"/>.</exception>
    /// <exception cref="AssertionEvaluationException">The assertion could not be evaluated (a <c>regex</c> timed out).</exception>
    public static AssertionOutcome Score(EvalAssertion assertion, AssertionSubject subject)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        ArgumentNullException.ThrowIfNull(subject);
        if (assertion.Kind is EvalAssertionKind.LlmRubric or EvalAssertionKind.Similar)
        {
            throw new AssertionServiceException($"'{assertion.Keyword}' needs a model; score it with ScoreAsync and AssertionServices.");
        }

        return ScoreDeterministic(assertion, subject, AssertionServices.None);
    }

    /// <summary>Scores any assertion; <c>llm-rubric</c> and <c>similar</c> use <paramref name="services"/>.</summary>
    /// <exception cref="AssertionServiceException">The judge or embedding service is missing, failed, or answered without a verdict.</exception>
    /// <exception cref="AssertionEvaluationException">The assertion could not be evaluated (a <c>regex</c> timed out).</exception>
    /// <exception cref="Recording.RecordingMissingException">A judge or embedding call has no recording in replay mode (PG1003).</exception>
    public static async Task<AssertionOutcome> ScoreAsync(
        EvalAssertion assertion, AssertionSubject subject, AssertionServices? services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        ArgumentNullException.ThrowIfNull(subject);
        services ??= AssertionServices.None;
        if (assertion.Kind == EvalAssertionKind.LlmRubric) return await ScoreRubricAsync(assertion, subject, services, cancellationToken).ConfigureAwait(false);
        if (assertion.Kind == EvalAssertionKind.Similar) return await ScoreSimilarAsync(assertion, subject, services, cancellationToken).ConfigureAwait(false);
        return ScoreDeterministic(assertion, subject, services);
    }

    private static AssertionOutcome ScoreDeterministic(EvalAssertion assertion, AssertionSubject subject, AssertionServices services)
    {
        switch (assertion.Kind)
        {
            case EvalAssertionKind.Latency:
                if (subject.Latency is not { } latency) return Fail(assertion, "no latency was measured for this trial");
                var ms = latency.TotalMilliseconds;
                return Outcome(assertion, ms <= assertion.MaxLatencyMs, $"expected at most {Num(assertion.MaxLatencyMs ?? 0)} ms, took {Num(Math.Round(ms))} ms", ms);
            case EvalAssertionKind.Tokens:
                return ScoreTokens(assertion, subject);
            case EvalAssertionKind.Cost:
                if (subject.Cost is not { } cost) return Fail(assertion, "no cost is known for this trial (configure model prices)");
                return Outcome(assertion, cost <= assertion.MaxCost, $"expected a cost of at most {assertion.MaxCost?.ToString(CultureInfo.InvariantCulture)}, was {cost.ToString(CultureInfo.InvariantCulture)}", (double)cost);
            case EvalAssertionKind.ParseClean:
                if (subject.ParseReport is not { } report) return Fail(assertion, "no parse report is available for this trial");
                if (!report.Succeeded) return Fail(assertion, AssertionSubject.ParseFailure(report.Error));
                return Outcome(assertion, report.IsClean, "the parser repaired the output: " + string.Join("; ", report.Repairs.Where(r => !r.IsBenign).Select(r => $"{r.Kind} at {r.Path}")));
            case EvalAssertionKind.SchemaValid:
                return ScoreSchemaValid(assertion, subject);
            case EvalAssertionKind.ToolCalled or EvalAssertionKind.ToolNotCalled or EvalAssertionKind.MaxToolCalls:
                return ToolCallAssertions.Score(assertion, subject);
        }

        var output = subject.ParseOutput(out var error);
        if (output is null) return Fail(assertion, error!);
        var target = assertion.Path is { } path ? path.Evaluate(output) : output;
        if (assertion.Kind == EvalAssertionKind.Exists)
        {
            var present = target is not null && !target.IsNull;
            var wanted = assertion.Expected is not { Kind: PromptValueKind.Boolean } flag || flag.AsBoolean;
            return Outcome(assertion, present == wanted, present ? $"expected {assertion.Path} to be absent, it is {Show(target!)}" : $"expected {assertion.Path} to exist, it is {(target is null ? "missing" : "null")}");
        }

        if (target is null) return Fail(assertion, $"'{assertion.Path}' is not in the output");
        var wholeText = assertion.Path is null && subject.IsTextOutput;
        return assertion.Kind switch
        {
            EvalAssertionKind.Equals => ScoreEquals(assertion, target, wholeText),
            EvalAssertionKind.In => ScoreIn(assertion, target, wholeText),
            EvalAssertionKind.Range => ScoreRange(assertion, target),
            EvalAssertionKind.Count => ScoreCount(assertion, target),
            EvalAssertionKind.JsonSubset => ScoreSubset(assertion, target),
            EvalAssertionKind.Levenshtein => ScoreLevenshtein(assertion, target),
            EvalAssertionKind.Regex => ScoreRegex(assertion, target, services.RegexTimeout),
            _ => ScoreText(assertion, target),
        };
    }

    private static AssertionOutcome ScoreTokens(EvalAssertion assertion, AssertionSubject subject)
    {
        var problems = new List<string>();
        var total = subject.InputTokens + subject.OutputTokens;
        Check("input", assertion.MaxInputTokens, subject.InputTokens);
        Check("output", assertion.MaxOutputTokens, subject.OutputTokens);
        Check("total", assertion.MaxTotalTokens, total);
        return Outcome(assertion, problems.Count == 0, string.Join("; ", problems), total is { } t ? t : null);

        void Check(string what, long? limit, long? actual)
        {
            if (limit is null) return;
            if (actual is null) problems.Add($"the provider reported no {what} token count");
            else if (actual > limit) problems.Add($"expected at most {limit} {what} tokens, used {actual}");
        }
    }

    private static AssertionOutcome ScoreSchemaValid(EvalAssertion assertion, AssertionSubject subject)
    {
        if (subject.OutputJsonSchema is null) return Fail(assertion, "the prompt has no output schema");
        if (!PromptJson.TryParse(subject.OutputJsonSchema, out var schema, out var schemaError)) return Fail(assertion, "the output schema is not valid JSON: " + schemaError!.Message);
        var output = subject.OutputJson is not null ? subject.ParseOutput(out var parseError) : LooseOutput(subject, out parseError);
        if (output is null) return Fail(assertion, parseError!);
        var errors = JsonSchemaValidator.Validate(output, schema!);
        return Outcome(assertion, errors.Count == 0, "the output does not match the schema: " + string.Join("; ", errors.Take(5)) + (errors.Count > 5 ? $" (and {errors.Count - 5} more)" : string.Empty));
    }

    /// <summary>When parsing failed, schema-valid still reports why when the raw text is JSON.</summary>
    private static PromptValue? LooseOutput(AssertionSubject subject, out string? error)
    {
        if (subject.ModelText is not null && PromptJson.TryParse(subject.ModelText.Trim(), out var value, out _)) 
        {
            error = null;
            return value;
        }

        return subject.ParseOutput(out error);
    }

    private static AssertionOutcome ScoreEquals(EvalAssertion assertion, PromptValue target, bool wholeText)
    {
        var expected = assertion.Expected ?? PromptValue.Null;
        bool equal;
        if (wholeText && target.Kind == PromptValueKind.String && expected.Kind is PromptValueKind.String or PromptValueKind.Number or PromptValueKind.Boolean)
        {
            equal = string.Equals(target.AsString.Trim(), TextOf(expected).Trim(), StringComparison.Ordinal);
        }
        else
        {
            equal = target.Equals(expected);
        }

        return Negate(assertion, equal, $"{Expected(assertion)}to equal {Show(expected)}, got {Show(target)}");
    }

    private static AssertionOutcome ScoreIn(EvalAssertion assertion, PromptValue target, bool wholeText)
    {
        var options = assertion.Expected?.Items ?? Array.Empty<PromptValue>();
        var found = options.Any(option => wholeText && target.Kind == PromptValueKind.String
            ? string.Equals(target.AsString.Trim(), TextOf(option).Trim(), StringComparison.Ordinal)
            : target.Equals(option));
        return Negate(assertion, found, $"{Expected(assertion)}to be one of {Show(assertion.Expected ?? PromptValue.Null)}, got {Show(target)}");
    }

    private static AssertionOutcome ScoreRange(EvalAssertion assertion, PromptValue target)
    {
        if (target.Kind != PromptValueKind.Number) return Fail(assertion, $"expected {Subject(assertion)} to be a number, got {Show(target)}");
        var value = target.AsNumber;
        var ok = (assertion.Minimum is not { } min || value >= min) && (assertion.Maximum is not { } max || value <= max);
        return Outcome(assertion, ok, $"expected {assertion.Description}, got {Num(value)}", value);
    }

    private static AssertionOutcome ScoreCount(EvalAssertion assertion, PromptValue target)
    {
        if (target.Kind != PromptValueKind.Array) return Fail(assertion, $"expected {Subject(assertion)} to be a list, got {Show(target)}");
        var count = target.Items.Count;
        var ok = (assertion.Minimum is not { } min || count >= min) && (assertion.Maximum is not { } max || count <= max);
        return Outcome(assertion, ok, $"expected {assertion.Description}, got {count} item{(count == 1 ? "" : "s")}", count);
    }

    private static AssertionOutcome ScoreSubset(EvalAssertion assertion, PromptValue target)
    {
        var expected = assertion.Expected ?? PromptValue.Null;
        var ok = JsonSubset.Contains(target, expected, out var where);
        return Outcome(assertion, ok, $"expected {Subject(assertion)} to contain {Show(expected)}; first difference at {where}, got {Show(target)}");
    }

    private static AssertionOutcome ScoreLevenshtein(EvalAssertion assertion, PromptValue target)
    {
        var reference = assertion.Expected is { } expected ? TextOf(expected) : string.Empty;
        var allowed = assertion.MaxDistance ?? 0;
        // Exact up to a small margin above the bound, so failures still say how far off the output was; beyond it the
        // work would grow with the product of the lengths.
        var limit = Math.Max(allowed, ExactDistanceReported);
        var distance = EditDistance.Distance(TextOf(target), reference, limit);
        var shown = distance > limit ? $"more than {limit}" : distance.ToString(CultureInfo.InvariantCulture);
        return Outcome(assertion, distance <= allowed,
            $"expected {Subject(assertion)} within {assertion.MaxDistance} edits of {Show(PromptValue.String(reference))}, distance is {shown} (got {Show(target)})", distance);
    }

    private static AssertionOutcome ScoreRegex(EvalAssertion assertion, PromptValue target, TimeSpan timeout)
    {
        var pattern = assertion.Strings.FirstOrDefault() ?? (assertion.Expected is { Kind: PromptValueKind.String } p ? p.AsString : string.Empty);
        bool matched;
        try
        {
            matched = Regex.IsMatch(TextOf(target), pattern, RegexOptions.CultureInvariant, timeout);
        }
        catch (RegexMatchTimeoutException exception)
        {
            // Says nothing about the output: a slow machine must not turn into a failed (or regressed) case.
            throw new AssertionEvaluationException(
                $"The regex assertion at line {assertion.Span.StartLine} could not be evaluated: /{pattern}/ ran past its time limit of {Num(timeout.TotalMilliseconds)} ms on this output.",
                exception);
        }
        catch (ArgumentException exception)
        {
            throw new AssertionEvaluationException(
                $"The regex assertion at line {assertion.Span.StartLine} could not be evaluated: /{pattern}/ does not compile: {exception.Message}", exception);
        }

        return Negate(assertion, matched, $"{Expected(assertion)}to match /{pattern}/, got {Show(target)}");
    }

    private static AssertionOutcome ScoreText(EvalAssertion assertion, PromptValue target)
    {
        var ignoreCase = assertion.Kind is EvalAssertionKind.IContains or EvalAssertionKind.IContainsAny or EvalAssertionKind.IContainsAll;
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var strings = assertion.Strings.Count > 0 ? assertion.Strings : assertion.Expected is { } e ? new[] { TextOf(e) } : Array.Empty<string>();
        Func<string, bool> holds;
        if (assertion.Kind == EvalAssertionKind.StartsWith)
        {
            var text = TextOf(target);
            holds = s => text.StartsWith(s, comparison);
        }
        else if (target.Kind == PromptValueKind.Array)
        {
            var items = target.Items.Select(TextOf).ToList();
            holds = s => items.Any(item => string.Equals(item, s, comparison));
        }
        else
        {
            var text = TextOf(target);
            holds = s => text.IndexOf(s, comparison) >= 0;
        }

        var all = assertion.Kind is EvalAssertionKind.ContainsAll or EvalAssertionKind.IContainsAll;
        var positive = all ? strings.All(holds) : strings.Any(holds);
        var verb = assertion.Kind switch
        {
            EvalAssertionKind.StartsWith => "start with",
            EvalAssertionKind.ContainsAll or EvalAssertionKind.IContainsAll => "contain all of",
            EvalAssertionKind.ContainsAny or EvalAssertionKind.IContainsAny => "contain any of",
            _ => "contain",
        };
        var expectedText = strings.Count == 1 ? Show(PromptValue.String(strings[0])) : Show(PromptValue.Array(strings.Select(PromptValue.String)));
        var detail = all && !positive ? $" (missing {string.Join(", ", strings.Where(s => !holds(s)).Select(s => Show(PromptValue.String(s))))})" : string.Empty;
        var negatedDetail = assertion.Negated && positive && strings.Count > 1 ? $" (found {string.Join(", ", strings.Where(holds).Select(s => Show(PromptValue.String(s))))})" : string.Empty;
        return Negate(assertion, positive,
            $"{Expected(assertion)}to {verb} {expectedText}{(ignoreCase ? " (ignoring case)" : "")}{detail}{negatedDetail}, got {Show(target)}");
    }

    private static async Task<AssertionOutcome> ScoreRubricAsync(EvalAssertion assertion, AssertionSubject subject, AssertionServices services, CancellationToken cancellationToken)
    {
        if (services.Judge is null) throw new AssertionServiceException("'llm-rubric' needs a judge model, and none is configured.");
        var text = TextForModel(assertion, subject, out var error);
        if (text is null) return Fail(assertion, error!);
        var rubric = assertion.Expected is { Kind: PromptValueKind.String } r ? r.AsString : string.Empty;
        var (verdict, _) = await LlmRubricJudge.JudgeAsync(services.Judge, rubric, text, services.JudgeOptions, cancellationToken).ConfigureAwait(false);
        var passed = verdict.Passes(assertion.Threshold);
        var scoreText = verdict.Score is { } s ? $" (score {Num(s)}{(assertion.Threshold is { } t ? $", threshold {Num(t)}" : "")})" : string.Empty;
        return Outcome(assertion, passed, $"the judge found the rubric not met{scoreText}: {verdict.Reason ?? "no reason given"}", verdict.Score ?? (passed ? 1 : 0));
    }

    private static async Task<AssertionOutcome> ScoreSimilarAsync(EvalAssertion assertion, AssertionSubject subject, AssertionServices services, CancellationToken cancellationToken)
    {
        if (services.Embeddings is null) throw new AssertionServiceException("'similar' needs an embedding generator, and none is configured.");
        var text = TextForModel(assertion, subject, out var error);
        if (text is null) return Fail(assertion, error!);
        var reference = assertion.Expected is { } expected ? TextOf(expected) : string.Empty;
        var similarity = await EmbeddingSimilarity.ComputeAsync(services.Embeddings, reference, text, services.EmbeddingOptions, cancellationToken).ConfigureAwait(false);
        var threshold = assertion.Threshold ?? 0.8;
        return Outcome(assertion, similarity >= threshold,
            $"expected {Subject(assertion)} to be similar to {Show(PromptValue.String(reference))} (>= {Num(threshold)}), similarity is {Num(Math.Round(similarity, 4))}", similarity);
    }

    private static string? TextForModel(EvalAssertion assertion, AssertionSubject subject, out string? error)
    {
        var output = subject.ParseOutput(out error);
        if (output is null)
        {
            // A judge can still grade raw text when the output is not structured.
            if (assertion.Path is null && subject.ModelText is not null)
            {
                error = null;
                return subject.ModelText;
            }

            return null;
        }

        var target = assertion.Path is { } path ? path.Evaluate(output) : output;
        if (target is null)
        {
            error = $"'{assertion.Path}' is not in the output";
            return null;
        }

        return TextOf(target);
    }

    private static string TextOf(PromptValue value) => value.Kind switch
    {
        PromptValueKind.String => value.AsString,
        PromptValueKind.Number => JsNumber.ToString(value.AsNumber),
        PromptValueKind.Boolean => value.AsBoolean ? "true" : "false",
        _ => PromptJson.Serialize(value),
    };

    private static string Subject(EvalAssertion assertion) => assertion.Path?.Text ?? "the output";

    /// <summary>How a failure message of a negatable operator starts: <c>expected category not </c>.</summary>
    private static string Expected(EvalAssertion assertion) => $"expected {Subject(assertion)} {(assertion.Negated ? "not " : string.Empty)}";

    // Scrubbed before it is cut: a secret the model echoed must not survive as a prefix.
    private static string Show(PromptValue value) => EvalSecrets.Shorten(PromptJson.Serialize(value), 200);

    private static string Num(double value) => JsNumber.ToString(value);

    private static AssertionOutcome Negate(EvalAssertion assertion, bool positive, string message) =>
        Outcome(assertion, assertion.Negated ? !positive : positive, message);

    private static AssertionOutcome Outcome(EvalAssertion assertion, bool passed, string failureMessage, double? score = null) =>
        new(assertion.Keyword, assertion.Description, passed, assertion.Gating, passed ? null : failureMessage, score, assertion.Span.StartLine);

    private static AssertionOutcome Fail(EvalAssertion assertion, string message) => Outcome(assertion, false, message);
}
