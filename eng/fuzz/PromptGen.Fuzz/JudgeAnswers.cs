using System.Collections.Generic;
using System.IO;
using System.Linq;
using PromptGen.Evals.Assertions;

namespace PromptGen.Fuzz;

/// <summary>
/// The <c>judge</c> target: what an <c>llm-rubric</c> judge model answered, read by <see cref="JudgeVerdict.Parse"/>.
/// It promises never to throw (no verdict is <c>null</c>), a score between 0 and 1, and linear work (the per-input
/// timeout turns a quadratic rescan into a hang).
/// </summary>
internal static class JudgeAnswers
{
    public static void Run(string text)
    {
        var verdict = JudgeVerdict.Parse(text);
        if (verdict?.Score is { } score && !(score >= 0 && score <= 1))
        {
            throw new FuzzFinding($"a judge score outside 0..1: {score}");
        }

        verdict?.Passes(null);
        verdict?.Passes(0.5);
    }

    /// <summary>Hand-written judge answers (not recorded from a model) and the parsing corpus's model outputs.</summary>
    public static IEnumerable<(string, string)> Seeds(string root)
    {
        string[] written =
        {
            """{"pass": true, "score": 0.9, "reason": "covers every point"}""",
            "Sure! ```json\n{\"pass\": \"yes\", \"score\": \"7\",}\n``` hope that helps",
            "PASS: false\nscore = 35\nreason: it never names the order",
            """{"analysis": {"steps": [1, 2]}, "verdict": {"passed": false, "reasoning": "too long"}}""",
            "{ not json { \"score\": 100 } /* comment */ {\"pass\": no}",
        };
        for (var i = 0; i < written.Length; i++)
        {
            yield return ($"hand-written-{i}.txt", written[i]);
        }

        foreach (var seed in StrictJson.Seeds(root).Take(60))
        {
            yield return seed;
        }
    }
}
