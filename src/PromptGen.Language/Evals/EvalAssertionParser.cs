using System.Text.RegularExpressions;
using PromptGen.Language.Text;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Evals;

/// <summary>Reads one <c>assert:</c>/<c>check:</c> entry into an <see cref="EvalAssertion"/>, reporting PG0504 for anything it cannot read.</summary>
internal sealed class EvalAssertionParser
{
    private const string Example = "{ path: category, equals: billing }";
    private readonly EvalDiagnosticList _diagnostics;

    public EvalAssertionParser(EvalDiagnosticList diagnostics) => _diagnostics = diagnostics;

    public EvalAssertion? Parse(YamlSourceNode node, bool gating)
    {
        if (node.Kind == YamlSourceNodeKind.Scalar) return ParseBare(node, gating);
        if (node.Kind != YamlSourceNodeKind.Mapping)
        {
            _diagnostics.Malformed(node.Span, $"An assertion is a mapping such as {Example}, not {EvalYaml.Describe(node)}");
            return null;
        }

        if (node.Entries.Count == 0)
        {
            _diagnostics.Malformed(node.Span, $"Empty assertion; write one such as {Example}");
            return null;
        }

        YamlSourceEntry? pathEntry = null;
        var operators = new List<YamlSourceEntry>();
        var unknown = false;
        foreach (var entry in node.Entries)
        {
            if (entry.Key == EvalAssertionKeywords.Path) pathEntry = entry;
            else if (EvalAssertionKeywords.IsOperator(entry.Key)) operators.Add(entry);
            else
            {
                _diagnostics.Malformed(entry.KeySpan, $"Unknown assertion '{entry.Key}'{EvalYaml.Hint(entry.Key, EvalAssertionKeywords.AllKeys)}");
                unknown = true;
            }
        }

        if (operators.Count == 0)
        {
            if (!unknown && pathEntry is not null)
            {
                _diagnostics.Malformed(pathEntry.KeySpan,
                    "'path' needs an operator: equals, in, min, max, count, exists, contains, icontains-any, starts-with, regex, ...");
            }

            return null;
        }

        var isRange = operators.Count == 2 && operators.Any(o => o.Key == "min") && operators.Any(o => o.Key == "max");
        if (operators.Count > 1 && !isRange)
        {
            _diagnostics.Malformed(operators[1].KeySpan,
                $"One entry holds two operators ('{operators[0].Key}' and '{operators[1].Key}'); write one assertion per entry");
            return null;
        }

        if (unknown) return null;

        var keyword = operators[0].Key;
        var negated = keyword.StartsWith(EvalAssertionKeywords.NotPrefix, StringComparison.Ordinal);
        var positive = negated ? keyword.Substring(EvalAssertionKeywords.NotPrefix.Length) : keyword;

        EvalPath? path = null;
        SourceSpan? pathSpan = null;
        if (pathEntry is not null)
        {
            if (EvalAssertionKeywords.PathLess.Contains(positive))
            {
                _diagnostics.Malformed(pathEntry.KeySpan, $"'{positive}' looks at the whole output or call and takes no 'path'");
                return null;
            }

            var pathText = EvalYaml.ScalarText(pathEntry.Value);
            if (pathText is null)
            {
                _diagnostics.Malformed(pathEntry.Value.Span, $"'path' must be a field path such as category or customer.email, not {EvalYaml.Describe(pathEntry.Value)}");
                return null;
            }

            path = EvalPath.TryParse(pathText, out var pathError);
            if (path is null)
            {
                _diagnostics.Malformed(pathEntry.Value.Span, $"Malformed path '{pathText}': {pathError}");
                return null;
            }

            pathSpan = pathEntry.Value.Span;
        }

        var draft = new EvalAssertion
        {
            Kind = EvalAssertionKeywords.KindOf(positive),
            Keyword = isRange ? "min/max" : keyword,
            Negated = negated,
            Gating = gating,
            Path = path,
            PathSpan = pathSpan,
            Span = node.Span,
            KeywordSpan = operators[0].KeySpan,
            ExpectedSpan = operators[0].Value.Span,
        };

        if (isRange) return ParseRange(draft, operators);
        return ParseOperand(draft, positive, operators[0]);
    }

    private EvalAssertion? ParseBare(YamlSourceNode node, bool gating)
    {
        var text = EvalYaml.ScalarText(node);
        if (text is not null && EvalAssertionKeywords.Flags.Contains(text))
        {
            return new EvalAssertion
            {
                Kind = EvalAssertionKeywords.KindOf(text),
                Keyword = text,
                Gating = gating,
                Span = node.Span,
                KeywordSpan = node.Span,
                ExpectedSpan = node.Span,
                Expected = PromptValue.True,
            };
        }

        if (text is not null && EvalAssertionKeywords.IsOperator(text))
        {
            _diagnostics.Malformed(node.Span, $"'{text}' needs a value, e.g. {ExampleFor(text)}");
        }
        else if (text is not null && FrontmatterHint(text) is { Length: > 0 } hint)
        {
            _diagnostics.Malformed(node.Span, $"Unknown assertion '{text}'{hint}");
        }
        else
        {
            _diagnostics.Malformed(node.Span, $"An assertion is a mapping such as {Example}, not {EvalYaml.Describe(node)}");
        }

        return null;
    }

    private static string FrontmatterHint(string text) => EvalYaml.Hint(text, EvalAssertionKeywords.AllOperators);

    private EvalAssertion? ParseRange(EvalAssertion draft, List<YamlSourceEntry> operators)
    {
        double? min = null;
        double? max = null;
        foreach (var entry in operators)
        {
            var number = EvalYaml.Number(entry.Value);
            if (number is null)
            {
                _diagnostics.Malformed(entry.Value.Span, $"'{entry.Key}' needs a number, not {EvalYaml.Describe(entry.Value)}");
                return null;
            }

            if (entry.Key == "min") min = number;
            else max = number;
        }

        if (min > max)
        {
            _diagnostics.Malformed(operators.First(o => o.Key == "min").Value.Span, $"'min' ({JsNumber.ToString(min!.Value)}) is greater than 'max' ({JsNumber.ToString(max!.Value)})");
            return null;
        }

        return Copy(draft, minimum: min, maximum: max);
    }

    private EvalAssertion? ParseOperand(EvalAssertion draft, string positive, YamlSourceEntry entry)
    {
        var value = entry.Value;
        var keyword = entry.Key;
        switch (positive)
        {
            case "equals":
                return Copy(draft, expected: value.Value);
            case "contains":
            case "icontains":
            case "starts-with":
            {
                var text = EvalYaml.ScalarText(value);
                if (text is null) return Fail(value.Span, $"'{keyword}' needs a string, e.g. {ExampleFor(keyword)}, not {EvalYaml.Describe(value)}");
                return Copy(draft, expected: PromptValue.String(text), strings: new[] { text });
            }

            case "contains-any":
            case "contains-all":
            case "icontains-any":
            case "icontains-all":
            {
                if (!EvalYaml.IsSequence(value) || value.Items.Count == 0)
                {
                    return Fail(value.Span, $"'{keyword}' needs a non-empty list of strings, e.g. {ExampleFor(keyword)}, not {EvalYaml.Describe(value)}");
                }

                var strings = new List<string>();
                foreach (var item in value.Items)
                {
                    var text = EvalYaml.ScalarText(item);
                    if (text is null) return Fail(item.Span, $"'{keyword}' lists strings; this item is {EvalYaml.Describe(item)}");
                    strings.Add(text);
                }

                return Copy(draft, expected: PromptValue.Array(strings.Select(PromptValue.String)), strings: strings);
            }

            case "regex":
            {
                var pattern = EvalYaml.String(value);
                if (pattern is null) return Fail(value.Span, $"'{keyword}' needs a regular expression string, e.g. {ExampleFor(keyword)}, not {EvalYaml.Describe(value)}");
                try
                {
                    _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException exception)
                {
                    return Fail(value.Span, $"'{keyword}' pattern does not compile: {exception.Message}");
                }

                return Copy(draft, expected: PromptValue.String(pattern), strings: new[] { pattern });
            }

            case "in":
                if (!EvalYaml.IsSequence(value) || value.Items.Count == 0)
                {
                    return Fail(value.Span, $"'{keyword}' needs a non-empty list of allowed values, e.g. {ExampleFor(keyword)}, not {EvalYaml.Describe(value)}");
                }

                return Copy(draft, expected: value.Value);
            case "min":
            case "max":
            {
                var number = EvalYaml.Number(value);
                if (number is null) return Fail(value.Span, $"'{keyword}' needs a number, not {EvalYaml.Describe(value)}");
                return positive == "min" ? Copy(draft, minimum: number) : Copy(draft, maximum: number);
            }

            case "count":
                return ParseCount(draft, value);
            case "exists":
            {
                if (draft.Path is null) return Fail(entry.KeySpan, "'exists' needs a path, e.g. { path: customer.email, exists: true }");
                if (EvalYaml.Boolean(value) is not { } flag) return Fail(value.Span, $"'exists' needs true or false, not {EvalYaml.Describe(value)}");
                return Copy(draft, expected: PromptValue.Boolean(flag));
            }

            case "json-subset":
                if (!EvalYaml.IsMapping(value) && !EvalYaml.IsSequence(value))
                {
                    return Fail(value.Span, $"'json-subset' needs a mapping (or list) the output must contain, e.g. {ExampleFor(keyword)}, not {EvalYaml.Describe(value)}");
                }

                return Copy(draft, expected: value.Value);
            case "schema-valid":
            case "parse-clean":
                if (EvalYaml.Boolean(value) != true && !EvalYaml.IsNull(value))
                {
                    return Fail(value.Span, $"Write '{keyword}: true' (or '- {keyword}'), or leave the assertion out");
                }

                return Copy(draft, expected: PromptValue.True);
            case "levenshtein":
                return ParseLevenshtein(draft, value);
            case "similar":
                return ParseSimilar(draft, value);
            case "llm-rubric":
                return ParseRubric(draft, entry);
            case "latency":
                return ParseLatency(draft, value);
            case "tokens":
                return ParseTokens(draft, value);
            case "tool-called":
            case "tool-not-called":
            case "max-tool-calls":
                return EvalToolAssertions.Parse(draft, positive, value, _diagnostics);
            default:
                return ParseCost(draft, value);
        }
    }

    private EvalAssertion? ParseCount(EvalAssertion draft, YamlSourceNode value)
    {
        if (EvalYaml.Integer(value) is { } exact)
        {
            if (exact < 0) return Fail(value.Span, "'count' cannot be negative");
            return Copy(draft, minimum: exact, maximum: exact, expected: value.Value);
        }

        var parameters = ReadParameters("count", value, "a whole number or { min: N, max: M }");
        if (parameters is null) return null;
        long? min = null;
        long? max = null;
        foreach (var (key, node) in parameters)
        {
            var number = EvalYaml.Integer(node);
            if (number is null || number < 0) return Fail(node.Span, $"'count.{key}' needs a whole number of items (0 or more)");
            if (key == "min") min = number;
            else max = number;
        }

        if (min is null && max is null) return Fail(value.Span, "'count' needs min, max or both, e.g. { min: 1, max: 3 }");
        if (min > max) return Fail(value.Span, $"'count.min' ({min}) is greater than 'count.max' ({max})");
        return Copy(draft, minimum: min, maximum: max, expected: value.Value);
    }

    private EvalAssertion? ParseLevenshtein(EvalAssertion draft, YamlSourceNode value)
    {
        var parameters = ReadParameters("levenshtein", value, "{ value: text, max: N }");
        if (parameters is null) return null;
        string? text = null;
        int? max = null;
        foreach (var (key, node) in parameters)
        {
            if (key == "value")
            {
                text = EvalYaml.ScalarText(node);
                if (text is null) return Fail(node.Span, "'levenshtein.value' needs the reference text");
            }
            else
            {
                var number = EvalYaml.Integer(node);
                if (number is null || number < 0 || number > int.MaxValue) return Fail(node.Span, "'levenshtein.max' needs a whole number of edits (0 or more)");
                max = (int)number;
            }
        }

        if (text is null) return Fail(value.Span, "'levenshtein' needs 'value', the reference text");
        if (max is null) return Fail(value.Span, "'levenshtein' needs 'max', the largest edit distance that passes");
        return Copy(draft, expected: PromptValue.String(text), maxDistance: max);
    }

    private EvalAssertion? ParseSimilar(EvalAssertion draft, YamlSourceNode value)
    {
        const double DefaultThreshold = 0.8;
        if (EvalYaml.ScalarText(value) is { } shortText) return Copy(draft, expected: PromptValue.String(shortText), threshold: DefaultThreshold);
        var parameters = ReadParameters("similar", value, "the reference text or { value: text, threshold: 0.8 }");
        if (parameters is null) return null;
        string? text = null;
        var threshold = DefaultThreshold;
        foreach (var (key, node) in parameters)
        {
            if (key == "value")
            {
                text = EvalYaml.ScalarText(node);
                if (text is null) return Fail(node.Span, "'similar.value' needs the reference text");
            }
            else
            {
                if (EvalYaml.Number(node) is not { } number || number < -1 || number > 1) return Fail(node.Span, "'similar.threshold' needs a cosine similarity between -1 and 1, e.g. 0.8");
                threshold = number;
            }
        }

        if (text is null) return Fail(value.Span, "'similar' needs 'value', the reference text");
        return Copy(draft, expected: PromptValue.String(text), threshold: threshold);
    }

    private EvalAssertion? ParseRubric(EvalAssertion draft, YamlSourceEntry entry)
    {
        var value = entry.Value;
        if (EvalYaml.String(value) is { } rubric)
        {
            if (rubric.Trim().Length == 0) return Fail(value.Span, "'llm-rubric' needs the rubric text, e.g. " + ExampleFor("llm-rubric"));
            return Copy(draft, expected: PromptValue.String(rubric));
        }

        if (EvalYaml.IsNull(value)) return Fail(entry.KeySpan, "'llm-rubric' needs the rubric text, e.g. " + ExampleFor("llm-rubric"));
        var parameters = ReadParameters("llm-rubric", value, "the rubric text or { rubric: text, threshold: 0.7 }");
        if (parameters is null) return null;
        string? text = null;
        double? threshold = null;
        foreach (var (key, node) in parameters)
        {
            if (key == "rubric")
            {
                text = EvalYaml.String(node);
                if (text is null || text.Trim().Length == 0) return Fail(node.Span, "'llm-rubric.rubric' needs the rubric text");
            }
            else
            {
                if (EvalYaml.Number(node) is not { } number || number < 0 || number > 1) return Fail(node.Span, "'llm-rubric.threshold' needs a score between 0 and 1");
                threshold = number;
            }
        }

        if (text is null) return Fail(value.Span, "'llm-rubric' needs 'rubric', the rubric text");
        return Copy(draft, expected: PromptValue.String(text), threshold: threshold);
    }

    private EvalAssertion? ParseLatency(EvalAssertion draft, YamlSourceNode value)
    {
        var parameters = ReadParameters("latency", value, "{ max-ms: N }");
        if (parameters is null) return null;
        if (parameters.Count == 0) return Fail(value.Span, "'latency' needs 'max-ms'");
        var node = parameters[0].Node;
        if (EvalYaml.Number(node) is not { } ms || ms <= 0) return Fail(node.Span, "'latency.max-ms' needs a positive number of milliseconds");
        return Copy(draft, maxLatencyMs: ms);
    }

    private EvalAssertion? ParseTokens(EvalAssertion draft, YamlSourceNode value)
    {
        var parameters = ReadParameters("tokens", value, "{ max-input: N, max-output: N, max-total: N } (any of them)");
        if (parameters is null) return null;
        if (parameters.Count == 0) return Fail(value.Span, "'tokens' needs max-input, max-output or max-total");
        long? input = null, output = null, total = null;
        foreach (var (key, node) in parameters)
        {
            if (EvalYaml.Integer(node) is not { } count || count < 0) return Fail(node.Span, $"'tokens.{key}' needs a whole number of tokens (0 or more)");
            if (key == "max-input") input = count;
            else if (key == "max-output") output = count;
            else total = count;
        }

        return Copy(draft, maxInputTokens: input, maxOutputTokens: output, maxTotalTokens: total);
    }

    private EvalAssertion? ParseCost(EvalAssertion draft, YamlSourceNode value)
    {
        var parameters = ReadParameters("cost", value, "{ max: amount }");
        if (parameters is null) return null;
        if (parameters.Count == 0) return Fail(value.Span, "'cost' needs 'max'");
        var node = parameters[0].Node;
        if (EvalYaml.Number(node) is not { } max || max < 0 || max > 1e15) return Fail(node.Span, "'cost.max' needs an amount of 0 or more");
        return Copy(draft, maxCost: (decimal)max);
    }

    /// <summary>
    /// The entries of an operator's parameter mapping (<c>cost: { max: 0.01 }</c>); <c>null</c>, reported, when the value
    /// is not a mapping (<paramref name="form"/> says what the operator needs) or a key is unknown.
    /// </summary>
    private List<(string Key, YamlSourceNode Node)>? ReadParameters(string keyword, YamlSourceNode mapping, string form)
    {
        if (!EvalYaml.IsMapping(mapping))
        {
            Fail(mapping.Span, $"'{keyword}' needs {form}, not {EvalYaml.Describe(mapping)}, e.g. {ExampleFor(keyword)}");
            return null;
        }

        var allowed = EvalAssertionKeywords.ParameterKeys[keyword];
        var result = new List<(string, YamlSourceNode)>();
        var ok = true;
        foreach (var entry in mapping.Entries)
        {
            if (allowed.Contains(entry.Key))
            {
                result.Add((entry.Key, entry.Value));
            }
            else
            {
                _diagnostics.Malformed(entry.KeySpan, $"Unknown key '{entry.Key}' in '{keyword}' (expected {string.Join(", ", allowed)}){EvalYaml.Hint(entry.Key, allowed)}");
                ok = false;
            }
        }

        return ok ? result : null;
    }

    private EvalAssertion? Fail(SourceSpan span, string message)
    {
        _diagnostics.Malformed(span, message);
        return null;
    }

    /// <summary>The assertion <paramref name="draft"/> (what every entry has: kind, keyword, path, spans) with its operand.</summary>
    internal static EvalAssertion Copy(
        EvalAssertion draft,
        PromptValue? expected = null,
        IReadOnlyList<string>? strings = null,
        double? minimum = null,
        double? maximum = null,
        double? threshold = null,
        int? maxDistance = null,
        double? maxLatencyMs = null,
        long? maxInputTokens = null,
        long? maxOutputTokens = null,
        long? maxTotalTokens = null,
        decimal? maxCost = null,
        string? toolName = null,
        SourceSpan? toolNameSpan = null) => new()
    {
        Kind = draft.Kind,
        Keyword = draft.Keyword,
        Negated = draft.Negated,
        Gating = draft.Gating,
        Path = draft.Path,
        PathSpan = draft.PathSpan,
        Span = draft.Span,
        KeywordSpan = draft.KeywordSpan,
        ExpectedSpan = draft.ExpectedSpan,
        Expected = expected,
        Strings = strings ?? Array.Empty<string>(),
        Minimum = minimum,
        Maximum = maximum,
        Threshold = threshold,
        MaxDistance = maxDistance,
        MaxLatencyMs = maxLatencyMs,
        MaxInputTokens = maxInputTokens,
        MaxOutputTokens = maxOutputTokens,
        MaxTotalTokens = maxTotalTokens,
        MaxCost = maxCost,
        ToolName = toolName,
        ToolNameSpan = toolNameSpan,
    };

    /// <summary>A one-line example of each operator, for messages.</summary>
    internal static string ExampleFor(string keyword)
    {
        var positive = keyword.StartsWith(EvalAssertionKeywords.NotPrefix, StringComparison.Ordinal) ? keyword.Substring(4) : keyword;
        var example = positive switch
        {
            "equals" => "billing",
            "contains" or "icontains" => "refund",
            "starts-with" => "Dear",
            "contains-any" or "contains-all" or "icontains-any" or "icontains-all" => "[charged twice, double charge]",
            "regex" => "'^\\d{4}$'",
            "in" => "[billing, account]",
            "min" => "0.7",
            "max" => "1",
            "count" => "{ min: 1, max: 3 }",
            "exists" => "true",
            "json-subset" => "{ category: billing }",
            "levenshtein" => "{ value: \"Hello, world\", max: 3 }",
            "similar" => "{ value: \"A refund was issued\", threshold: 0.8 }",
            "llm-rubric" => "\"One sentence; invents no order number\"",
            "latency" => "{ max-ms: 4000 }",
            "tokens" => "{ max-output: 200 }",
            "cost" => "{ max: 0.01 }",
            "tool-called" => "lookupOrder",
            "tool-not-called" => "refundOrder",
            "max-tool-calls" => "2",
            _ => "true",
        };
        return $"{keyword}: {example}";
    }
}
