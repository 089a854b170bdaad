using System;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PromptGen.Evals.Assertions;

/// <summary>A judge model's verdict on one output: <c>{"pass": bool, "score": 0..1, "reason": "..."}</c>.</summary>
public sealed record JudgeVerdict(bool? Pass, double? Score, string? Reason)
{
    private static readonly JsonDocumentOptions s_lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
    private static readonly Regex s_passField = new("\"?pass\"?\\s*[:=]\\s*\"?(true|false|yes|no)\"?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex s_scoreField = new("\"?score\"?\\s*[:=]\\s*\"?([0-9]*\\.?[0-9]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>
    /// Reads a verdict from judge text: the first JSON object that has <c>pass</c> or <c>score</c> (inside code fences or prose
    /// too; trailing commas and comments tolerated; <c>"true"</c>/<c>"yes"</c> and numbers in quotes accepted), else
    /// <c>pass: ...</c>/<c>score: ...</c> written loosely. Scores above 1 and up to 10 or 100 are read as out of 10 or 100.
    /// Returns <c>null</c> when the text holds no verdict.
    /// </summary>
    public static JudgeVerdict? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        for (var start = text!.IndexOf('{'); start >= 0; start = text.IndexOf('{', start + 1))
        {
            var end = MatchingBrace(text, start);
            if (end < 0) continue;
            try
            {
                using var document = JsonDocument.Parse(text.Substring(start, end - start + 1), s_lenient);
                if (document.RootElement.ValueKind == JsonValueKind.Object && FromObject(document.RootElement) is { } verdict) return verdict;
            }
            catch (JsonException)
            {
            }
        }

        bool? pass = null;
        double? score = null;
        var passMatch = s_passField.Match(text);
        if (passMatch.Success) pass = IsYes(passMatch.Groups[1].Value);
        var scoreMatch = s_scoreField.Match(text);
        if (scoreMatch.Success && double.TryParse(scoreMatch.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) score = Normalize(parsed);
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

    private static int MatchingBrace(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }

            if (c == '"') inString = true;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }

        return -1;
    }
}
