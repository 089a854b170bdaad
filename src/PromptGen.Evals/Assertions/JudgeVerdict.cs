using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PromptGen.Evals.Assertions;

/// <summary>A judge model's verdict on one output: <c>{"pass": bool, "score": 0..1, "reason": "..."}</c>.</summary>
public sealed record JudgeVerdict(bool? Pass, double? Score, string? Reason)
{
    // Failed parses of candidate objects before the loose reading takes over: a bound on work for any input.
    private const int MaxFailedCandidates = 256;

    private static readonly JsonReaderOptions s_lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };
    private static readonly Regex s_passField = new("\"?pass\"?\\s*[:=]\\s*\"?(true|false|yes|no)\"?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
    private static readonly Regex s_scoreField = new("\"?score\"?\\s*[:=]\\s*\"?([0-9]*\\.?[0-9]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));

    /// <summary>
    /// Reads a verdict from judge text: the first JSON object that has <c>pass</c> or <c>score</c> (inside code fences or prose
    /// too; trailing commas and comments tolerated; <c>"true"</c>/<c>"yes"</c> and numbers in quotes accepted), else
    /// <c>pass: ...</c>/<c>score: ...</c> written loosely. Scores above 1 and up to 10 or 100 are read as out of 10 or 100.
    /// Returns <c>null</c> when the text holds no verdict.
    /// </summary>
    /// <remarks>
    /// Linear in the length of the text: each JSON object is read once (its nested objects are searched in the parsed
    /// tree, in document order), text that cannot start an object is skipped without parsing, and after a bounded number
    /// of broken candidates only the loose reading is tried.
    /// </remarks>
    public static JudgeVerdict? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var utf8 = Encoding.UTF8.GetBytes(text!);
        var failed = 0;
        var start = Array.IndexOf(utf8, (byte)'{');
        while (start >= 0 && failed < MaxFailedCandidates)
        {
            var next = start + 1;
            if (CanStartObject(utf8, start))
            {
                if (TryReadObject(utf8, start, out var end, out var verdict))
                {
                    if (verdict is not null) return verdict;
                    // Every object nested in this one was searched already.
                    next = end;
                }
                else
                {
                    failed++;
                }
            }

            start = next < utf8.Length ? Array.IndexOf(utf8, (byte)'{', next) : -1;
        }

        bool? pass = null;
        double? score = null;
        try
        {
            var passMatch = s_passField.Match(text);
            if (passMatch.Success) pass = IsYes(passMatch.Groups[1].Value);
            var scoreMatch = s_scoreField.Match(text);
            if (scoreMatch.Success && double.TryParse(scoreMatch.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) score = Normalize(parsed);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }

        if (pass is null && score is null) return null;
        return new JudgeVerdict(pass, score, null);
    }

    /// <summary>Whether the verdict passes: score against the threshold when there is one, else <c>pass</c>, else score ≥ 0.5.</summary>
    public bool Passes(double? threshold)
    {
        if (threshold is { } minimum && Score is { } score) return score >= minimum;
        if (Pass is { } pass) return pass;
        return Score is { } only && only >= (threshold ?? 0.5);
    }

    /// <summary>After <c>{</c> an object has a property name, its end, or white space or a comment first.</summary>
    private static bool CanStartObject(byte[] utf8, int start)
    {
        for (var i = start + 1; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b is (byte)'"' or (byte)'}' or (byte)'/';
        }

        return false;
    }

    /// <summary>Reads the one JSON value at <paramref name="start"/> (what follows it is not read) and searches it for a verdict.</summary>
    private static bool TryReadObject(byte[] utf8, int start, out int end, out JudgeVerdict? verdict)
    {
        var reader = new Utf8JsonReader(utf8.AsSpan(start), isFinalBlock: true, new JsonReaderState(s_lenient));
        try
        {
            using var document = JsonDocument.ParseValue(ref reader);
            end = start + (int)reader.BytesConsumed;
            verdict = Find(document.RootElement);
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string escapes half of a surrogate pair, valid JSON that does not decode.
            end = start + 1;
            verdict = null;
            return false;
        }
    }

    /// <summary>The first object with a verdict, in document order (the object itself, then what it contains).</summary>
    private static JudgeVerdict? Find(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (FromObject(element) is { } verdict) return verdict;
                foreach (var property in element.EnumerateObject())
                {
                    if (Find(property.Value) is { } nested) return nested;
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item) is { } nested) return nested;
                }

                return null;
            default:
                return null;
        }
    }

    private static JudgeVerdict? FromObject(JsonElement element)
    {
        bool? pass = null;
        double? score = null;
        string? reason = null;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name.ToLowerInvariant())
            {
                case "pass":
                case "passed":
                    pass = property.Value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.String => IsYes(property.Value.GetString() ?? string.Empty),
                        _ => pass,
                    };
                    break;
                case "score":
                    if (property.Value.ValueKind == JsonValueKind.Number) score = Normalize(property.Value.GetDouble());
                    else if (property.Value.ValueKind == JsonValueKind.String && double.TryParse(property.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) score = Normalize(parsed);
                    break;
                case "reason":
                case "reasoning":
                    reason = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                    break;
            }
        }

        return pass is null && score is null ? null : new JudgeVerdict(pass, score, reason);
    }

    private static bool? IsYes(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "pass" or "passed" => true,
        "false" or "no" or "fail" or "failed" => false,
        _ => null,
    };

    private static double Normalize(double score)
    {
        if (double.IsNaN(score)) return 0;
        if (score > 1 && score <= 10) score /= 10;
        else if (score > 10 && score <= 100) score /= 100;
        return Math.Max(0, Math.Min(1, score));
    }
}
