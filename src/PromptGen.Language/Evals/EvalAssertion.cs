using System.Globalization;
using PromptGen.Language.Text;
using PromptGen.Language.Values;

namespace PromptGen.Language.Evals;

/// <summary>
/// One entry under a case's <c>assert:</c> (gating) or <c>check:</c> (reported only), e.g.
/// <c>{ path: category, equals: billing }</c> or <c>llm-rubric: "One sentence"</c>. Which properties are set depends on
/// <see cref="Kind"/>; every assertion keeps where it is written.
/// </summary>
public sealed class EvalAssertion
{
    /// <summary>What the assertion tests.</summary>
    public EvalAssertionKind Kind { get; init; }

    /// <summary>The operator as written: <c>equals</c>, <c>not-icontains-any</c>, <c>min</c>, <c>max</c>, or <c>min/max</c> when both bounds are given.</summary>
    public string Keyword { get; init; } = string.Empty;

    /// <summary>True for the <c>not-</c> forms: the assertion holds when the positive form does not.</summary>
    public bool Negated { get; init; }

    /// <summary><c>true</c> under <c>assert:</c>, <c>false</c> under <c>check:</c>.</summary>
    public bool Gating { get; init; } = true;

    /// <summary>Where in the typed output to look; <c>null</c> means the whole output (its text, or its JSON).</summary>
    public EvalPath? Path { get; init; }

    /// <summary>Where the <c>path</c> value is written.</summary>
    public SourceSpan? PathSpan { get; init; }

    /// <summary>
    /// The operand as written: the value of <c>equals</c>/<c>in</c>/<c>json-subset</c>/<c>exists</c>, the string of
    /// <c>contains</c>/<c>starts-with</c>/<c>regex</c>, the list of <c>*-any</c>/<c>*-all</c>, the reference text of
    /// <c>levenshtein</c>/<c>similar</c>, the rubric of <c>llm-rubric</c>.
    /// </summary>
    public PromptValue? Expected { get; init; }

    /// <summary>Where the operand (the operator's value) is written.</summary>
    public SourceSpan ExpectedSpan { get; init; }

    /// <summary>The strings of the text operators (one for <c>contains</c>, several for <c>contains-any</c>, ...).</summary>
    public IReadOnlyList<string> Strings { get; init; } = Array.Empty<string>();

    /// <summary>Lower bound of <c>min</c> (numbers) or <c>count</c> (items), inclusive.</summary>
    public double? Minimum { get; init; }

    /// <summary>Upper bound of <c>max</c> (numbers) or <c>count</c> (items), inclusive.</summary>
    public double? Maximum { get; init; }

    /// <summary><c>similar</c>: minimum cosine similarity; <c>llm-rubric</c>: minimum judge score (when given).</summary>
    public double? Threshold { get; init; }

    /// <summary><c>levenshtein</c>: the largest edit distance that passes.</summary>
    public int? MaxDistance { get; init; }

    /// <summary><c>latency</c>: <c>max-ms</c>.</summary>
    public double? MaxLatencyMs { get; init; }

    /// <summary><c>tokens</c>: <c>max-input</c>.</summary>
    public long? MaxInputTokens { get; init; }

    /// <summary><c>tokens</c>: <c>max-output</c>.</summary>
    public long? MaxOutputTokens { get; init; }

    /// <summary><c>tokens</c>: <c>max-total</c>.</summary>
    public long? MaxTotalTokens { get; init; }

    /// <summary><c>cost</c>: <c>max</c>, in the configured currency unit.</summary>
    public decimal? MaxCost { get; init; }

    /// <summary><c>tool-called</c> / <c>tool-not-called</c>: the tool's name (the expected arguments are <see cref="Expected"/>).</summary>
    public string? ToolName { get; init; }

    /// <summary>Where the tool name is written.</summary>
    public SourceSpan? ToolNameSpan { get; init; }

    /// <summary>The whole entry in the eval file.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>Where the operator keyword is written.</summary>
    public SourceSpan KeywordSpan { get; init; }

    /// <summary>A short human description, e.g. <c>category equals "billing"</c>, used in reports.</summary>
    public string Description => Describe();

    /// <summary>The positive keyword (without <c>not-</c>).</summary>
    public string PositiveKeyword => Negated && Keyword.StartsWith(EvalAssertionKeywords.NotPrefix, StringComparison.Ordinal)
        ? Keyword.Substring(EvalAssertionKeywords.NotPrefix.Length)
        : Keyword;

    public override string ToString() => Description;

    private string Describe()
    {
        var subject = Path?.Text ?? "output";
        switch (Kind)
        {
            case EvalAssertionKind.Range:
                if (Minimum is { } low && Maximum is { } high) return $"{subject} between {Number(low)} and {Number(high)}";
                return Minimum is { } min ? $"{subject} min {Number(min)}" : $"{subject} max {Number(Maximum ?? 0)}";
            case EvalAssertionKind.Count:
                if (Minimum == Maximum && Minimum is { } exact) return $"count of {subject} is {Number(exact)}";
                if (Minimum is { } cmin && Maximum is { } cmax) return $"count of {subject} between {Number(cmin)} and {Number(cmax)}";
                return Minimum is { } atLeast ? $"count of {subject} at least {Number(atLeast)}" : $"count of {subject} at most {Number(Maximum ?? 0)}";
            case EvalAssertionKind.Exists:
                return Expected is { Kind: PromptValueKind.Boolean } flag && !flag.AsBoolean ? $"{subject} does not exist" : $"{subject} exists";
            case EvalAssertionKind.SchemaValid:
                return "output is valid against the output schema";
            case EvalAssertionKind.ParseClean:
                return "output parsed without repairs";
            case EvalAssertionKind.Levenshtein:
                return $"{subject} within edit distance {MaxDistance} of {Quote(Expected)}";
            case EvalAssertionKind.Similar:
                return $"{subject} similar to {Quote(Expected)} (>= {Number(Threshold ?? 0)})";
            case EvalAssertionKind.LlmRubric:
                return $"llm-rubric: {Shorten(Expected is { Kind: PromptValueKind.String } rubric ? rubric.AsString : string.Empty, 80)}";
            case EvalAssertionKind.Latency:
                return $"latency <= {Number(MaxLatencyMs ?? 0)} ms";
            case EvalAssertionKind.Tokens:
                var parts = new List<string>();
                if (MaxInputTokens is { } input) parts.Add($"input <= {input}");
                if (MaxOutputTokens is { } output) parts.Add($"output <= {output}");
                if (MaxTotalTokens is { } total) parts.Add($"total <= {total}");
                return "tokens " + string.Join(", ", parts);
            case EvalAssertionKind.ToolCalled:
                return Expected is null ? $"tool {ToolName} called" : $"tool {ToolName} called with {Quote(Expected)}";
            case EvalAssertionKind.ToolNotCalled:
                return $"tool {ToolName} not called";
            case EvalAssertionKind.MaxToolCalls:
                return $"at most {Number(Maximum ?? 0)} tool calls";
            case EvalAssertionKind.Cost:
                return $"cost <= {(MaxCost ?? 0).ToString(CultureInfo.InvariantCulture)}";
            default:
                return $"{subject} {Keyword} {Quote(Expected)}";
        }
    }

    private static string Number(double value) => JsNumber.ToString(value);

    private static string Quote(PromptValue? value) => value is null ? "?" : Shorten(PromptJson.Serialize(value), 120);

    private static string Shorten(string text, int max) => TextExcerpt.Shorten(text, max, "…");

    /// <summary>Kinds that read text: the output's text, a string field, or (for the contains family) a list's items.</summary>
    internal static bool IsTextKind(EvalAssertionKind kind) => kind is EvalAssertionKind.Contains or EvalAssertionKind.IContains or
        EvalAssertionKind.ContainsAny or EvalAssertionKind.ContainsAll or EvalAssertionKind.IContainsAny or EvalAssertionKind.IContainsAll or
        EvalAssertionKind.StartsWith or EvalAssertionKind.Regex or EvalAssertionKind.Levenshtein or EvalAssertionKind.Similar;
}
