using System.Globalization;
using PromptGen.Cli.Arguments;
using PromptGen.Language.Values;

namespace PromptGen.Cli.Cases;

/// <summary>
/// <c>--where</c>: conditions joined by commas, all of which a captured call must meet. Each is
/// <c>field op value</c> with <c>op</c> one of <c>= != &lt; &gt; &lt;= &gt;=</c>. Fields: <c>ok</c>, <c>version</c>,
/// <c>model</c>, <c>score</c> (feedback; calls without feedback never match), <c>feedback</c> (<c>negative</c>,
/// <c>positive</c>, <c>none</c>), and <c>input.x</c> / <c>value.x</c> paths into the captured input and parsed value.
/// </summary>
internal sealed class CaptureFilter
{
    private static readonly string[] Operators = { "!=", "<=", ">=", "=", "<", ">" };
    private readonly List<(string Field, string Op, string Value)> _conditions;

    private CaptureFilter(List<(string, string, string)> conditions) => _conditions = conditions;

    public static CaptureFilter Parse(string? text)
    {
        var conditions = new List<(string, string, string)>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var op = Operators.Select(o => (Op: o, At: part.IndexOf(o, StringComparison.Ordinal))).Where(o => o.At > 0).OrderBy(o => o.At).ThenByDescending(o => o.Op.Length).FirstOrDefault();
            if (op.Op is null) throw new UsageException($"--where condition '{part}' needs an operator (= != < > <= >=)");
            var field = part.Substring(0, op.At).Trim();
            if (field is not ("ok" or "version" or "model" or "score" or "feedback") && !field.StartsWith("input.", StringComparison.Ordinal) && !field.StartsWith("value.", StringComparison.Ordinal))
                throw new UsageException($"--where field '{field}' is not one of ok, version, model, score, feedback, input.<path>, value.<path>");
            conditions.Add((field, op.Op, part.Substring(op.At + op.Op.Length).Trim().Trim('"', '\'')));
        }

        return new CaptureFilter(conditions);
    }

    public bool Matches(CapturedCall call) => _conditions.All(c => Matches(call, c.Field, c.Op, c.Value));

    private static bool Matches(CapturedCall call, string field, string op, string expected)
    {
        switch (field)
        {
            case "ok": return Compare(call.Ok ? "true" : "false", op, expected);
            case "version": return Compare(call.Version, op, expected);
            case "model": return Compare(call.Model, op, expected);
            case "score": return call.Score is { } score && CompareNumber(score, op, expected);
            case "feedback": return Compare(call.Score is null ? "none" : call.IsNegative ? "negative" : "positive", op, expected);
        }

        var root = field.StartsWith("input.", StringComparison.Ordinal) ? call.Input : call.Value;
        var value = root;
        foreach (var segment in field.Substring(field.IndexOf('.') + 1).Split('.'))
            value = value is { Kind: PromptValueKind.Object } ? value[segment] : null;
        return value switch
        {
            null => op == "!=",
            { Kind: PromptValueKind.Number } number => CompareNumber(number.AsNumber, op, expected),
            { Kind: PromptValueKind.String } text => Compare(text.AsString, op, expected),
            _ => Compare(PromptJson.Serialize(value), op, expected),
        };
    }

    private static bool Compare(string? actual, string op, string expected) => op switch
    {
        "=" => string.Equals(actual, expected, StringComparison.Ordinal),
        "!=" => !string.Equals(actual, expected, StringComparison.Ordinal),
        _ => double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && CompareNumber(number, op, expected),
    };

    private static bool CompareNumber(double actual, string op, string expected)
    {
        if (!double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            throw new UsageException($"--where value '{expected}' must be a number for {op}");
        return op switch
        {
            "=" => actual == number,
            "!=" => actual != number,
            "<" => actual < number,
            ">" => actual > number,
            "<=" => actual <= number,
            _ => actual >= number,
        };
    }
}
