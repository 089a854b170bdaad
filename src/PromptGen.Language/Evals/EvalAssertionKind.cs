namespace PromptGen.Language.Evals;

/// <summary>What an assertion tests. <c>not-</c> forms share the kind of their positive form (see <see cref="EvalAssertion.Negated"/>).</summary>
public enum EvalAssertionKind
{
    /// <summary><c>equals</c>: the value (or the output text) equals the expected JSON value.</summary>
    Equals,

    /// <summary><c>contains</c>: the text contains a substring, or a list contains an item.</summary>
    Contains,

    /// <summary><c>icontains</c>: as <see cref="Contains"/>, ignoring case.</summary>
    IContains,

    /// <summary><c>contains-any</c>: at least one of the strings is contained.</summary>
    ContainsAny,

    /// <summary><c>contains-all</c>: every string is contained.</summary>
    ContainsAll,

    /// <summary><c>icontains-any</c>: as <see cref="ContainsAny"/>, ignoring case.</summary>
    IContainsAny,

    /// <summary><c>icontains-all</c>: as <see cref="ContainsAll"/>, ignoring case.</summary>
    IContainsAll,

    /// <summary><c>starts-with</c>: the text starts with the string.</summary>
    StartsWith,

    /// <summary><c>regex</c>: the text matches the .NET regular expression.</summary>
    Regex,

    /// <summary><c>in</c>: the value is one of the listed values.</summary>
    In,

    /// <summary><c>min</c> and/or <c>max</c>: a number within bounds (inclusive).</summary>
    Range,

    /// <summary><c>count</c>: the number of items of a list (exact, or <c>{min, max}</c>).</summary>
    Count,

    /// <summary><c>exists</c>: the path is present (and not null) in the output, or absent.</summary>
    Exists,

    /// <summary><c>json-subset</c>: every key and item of the expected value is present in the output.</summary>
    JsonSubset,

    /// <summary><c>schema-valid</c>: the output validates against the prompt's output JSON Schema.</summary>
    SchemaValid,

    /// <summary><c>parse-clean</c>: the output parsed without repairs.</summary>
    ParseClean,

    /// <summary><c>levenshtein</c>: the text is within an edit distance of a value.</summary>
    Levenshtein,

    /// <summary><c>similar</c>: the text's embedding has at least a cosine similarity with the value's.</summary>
    Similar,

    /// <summary><c>llm-rubric</c>: a judge model grades the output against a rubric.</summary>
    LlmRubric,

    /// <summary><c>latency</c>: the model call took at most <c>max-ms</c>.</summary>
    Latency,

    /// <summary><c>tokens</c>: token usage within <c>max-input</c>/<c>max-output</c>/<c>max-total</c>.</summary>
    Tokens,

    /// <summary><c>cost</c>: the call cost at most <c>max</c>.</summary>
    Cost,

    /// <summary><c>tool-called</c>: the model called the tool, with arguments that include the given ones.</summary>
    ToolCalled,

    /// <summary><c>tool-not-called</c>: the model never called the tool.</summary>
    ToolNotCalled,

    /// <summary><c>max-tool-calls</c>: the model made at most this many tool calls in all.</summary>
    MaxToolCalls,
}
