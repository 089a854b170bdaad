namespace PromptGen.Language.Evals;

/// <summary>The keywords an assertion entry may use, and what each means. The editor schema is kept in sync with these by a test.</summary>
public static class EvalAssertionKeywords
{
    public const string Path = "path";
    public const string NotPrefix = "not-";

    /// <summary>Operators that also have a <c>not-</c> form.</summary>
    public static readonly IReadOnlyList<string> Negatable = new[]
    {
        "equals", "contains", "icontains", "contains-any", "contains-all", "icontains-any", "icontains-all", "starts-with", "regex", "in",
    };

    /// <summary>Every positive operator keyword, in documentation order.</summary>
    public static readonly IReadOnlyList<string> Operators = new[]
    {
        "equals", "contains", "icontains", "contains-any", "contains-all", "icontains-any", "icontains-all", "starts-with", "regex",
        "in", "min", "max", "count", "exists", "json-subset", "schema-valid", "parse-clean", "levenshtein", "similar", "llm-rubric",
        "latency", "tokens", "cost", "tool-called", "tool-not-called", "max-tool-calls",
    };

    /// <summary>Every operator keyword including the <c>not-</c> forms.</summary>
    public static readonly IReadOnlyList<string> AllOperators = Operators.Concat(Negatable.Select(n => NotPrefix + n)).ToArray();

    /// <summary>Every key an assertion mapping may hold: <c>path</c> plus <see cref="AllOperators"/>.</summary>
    public static readonly IReadOnlyList<string> AllKeys = new[] { Path }.Concat(AllOperators).ToArray();

    /// <summary>Assertions that take no value and may be written as a bare list item (<c>- parse-clean</c>).</summary>
    public static readonly IReadOnlyList<string> Flags = new[] { "schema-valid", "parse-clean" };

    /// <summary>Operators that look at the output as a whole (or at the call) and take no <c>path</c>.</summary>
    public static readonly IReadOnlyList<string> PathLess = new[] { "schema-valid", "parse-clean", "latency", "tokens", "cost", "tool-called", "tool-not-called", "max-tool-calls" };

    public static bool IsOperator(string key) => AllOperators.Contains(key, StringComparer.Ordinal);

    /// <summary>The kind of a positive operator keyword (<c>min</c> and <c>max</c> are both <see cref="EvalAssertionKind.Range"/>).</summary>
    public static EvalAssertionKind KindOf(string positiveKeyword) => positiveKeyword switch
    {
        "equals" => EvalAssertionKind.Equals,
        "contains" => EvalAssertionKind.Contains,
        "icontains" => EvalAssertionKind.IContains,
        "contains-any" => EvalAssertionKind.ContainsAny,
        "contains-all" => EvalAssertionKind.ContainsAll,
        "icontains-any" => EvalAssertionKind.IContainsAny,
        "icontains-all" => EvalAssertionKind.IContainsAll,
        "starts-with" => EvalAssertionKind.StartsWith,
        "regex" => EvalAssertionKind.Regex,
        "in" => EvalAssertionKind.In,
        "min" or "max" => EvalAssertionKind.Range,
        "count" => EvalAssertionKind.Count,
        "exists" => EvalAssertionKind.Exists,
        "json-subset" => EvalAssertionKind.JsonSubset,
        "schema-valid" => EvalAssertionKind.SchemaValid,
        "parse-clean" => EvalAssertionKind.ParseClean,
        "levenshtein" => EvalAssertionKind.Levenshtein,
        "similar" => EvalAssertionKind.Similar,
        "llm-rubric" => EvalAssertionKind.LlmRubric,
        "latency" => EvalAssertionKind.Latency,
        "tokens" => EvalAssertionKind.Tokens,
        "cost" => EvalAssertionKind.Cost,
        "tool-called" => EvalAssertionKind.ToolCalled,
        "tool-not-called" => EvalAssertionKind.ToolNotCalled,
        "max-tool-calls" => EvalAssertionKind.MaxToolCalls,
        _ => throw new ArgumentOutOfRangeException(nameof(positiveKeyword), positiveKeyword, "Not an assertion keyword."),
    };

    /// <summary>Keys of the parameter mappings, per operator (for did-you-mean and the editor schema).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ParameterKeys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["count"] = new[] { "min", "max" },
        ["levenshtein"] = new[] { "value", "max" },
        ["similar"] = new[] { "value", "threshold" },
        ["llm-rubric"] = new[] { "rubric", "threshold" },
        ["latency"] = new[] { "max-ms" },
        ["tokens"] = new[] { "max-input", "max-output", "max-total" },
        ["cost"] = new[] { "max" },
        ["tool-called"] = new[] { "name", "arguments" },
    };
}
