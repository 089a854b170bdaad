using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PromptGen.Cli.Cases;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Evals;
using PromptGen.Language.Values;

namespace PromptGen.Fuzz;

/// <summary>
/// The <c>capture</c> target: <c>promptgen cases import</c> without the file system around it. An input is an eval file,
/// a line <c>%%</c>, then a capture file (JSON Lines as PromptGen.Capture writes them; without the separator the whole
/// input is the capture file and the eval file is new). Reading the captures never throws, and each warning names its
/// line. The import either refuses in one of its documented ways (with its reasons: an eval file that is not valid
/// YAML, <c>cases</c> not a block sequence; or, in an eval file that already had errors, a text that would not read
/// back) or returns a text that keeps every line the user wrote, in order, and whose cases include each imported one
/// with its captured input unchanged. Into an eval file without errors, an import never refuses.
/// </summary>
internal static class CaptureImport
{
    private const string EvalPath = "Classify.eval.yaml";
    private const string Separator = "%%";

    // One file per fuzzing process, rewritten for every input: the importer reads capture files from disk.
    private static readonly Lazy<string> CapturePath = new(() =>
        Path.Combine(Path.GetTempPath(), $"promptgen-fuzz-{Environment.ProcessId}.captures.jsonl"));

    public static void Run(string text)
    {
        var (evalText, captureText) = Split(text);
        var path = CapturePath.Value;
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(captureText));

        var warnings = new List<string>();
        var calls = CaptureReader.Read(new[] { path }, warnings);
        foreach (var warning in warnings)
        {
            if (!warning.StartsWith(path + "(", StringComparison.Ordinal) || !warning.Contains(",1): warning: ", StringComparison.Ordinal))
            {
                throw new FuzzFinding("a capture warning without its file and line: " + warning);
            }
        }

        var context = Targets.EvalPrompt.Value;
        var errorsBefore = EvalChecker.Check(EvalFileParser.Parse(EvalPath, evalText), context).Count(d => d.Severity == PromptDiagnosticSeverity.Error);
        CaseImportPlan plan;
        try
        {
            plan = CaseImport.Plan(EvalPath, evalText, calls, context, Targets.ClassifyPrompt.Value.Output, int.MaxValue);
        }
        catch (InvalidOperationException exception) when (errorsBefore > 0)
        {
            // The documented refusal; it must name what it refused.
            if (!exception.Message.Contains("the eval file was not changed", StringComparison.Ordinal)) throw;
            return;
        }

        if (plan.Refused is { } refused)
        {
            if (refused.Count == 0 || plan.NewText is not null || plan.Imported.Count > 0) throw new FuzzFinding("a refused import without its reasons, or with a text");
            return;
        }

        foreach (var line in plan.Warnings.Concat(plan.Drift))
        {
            if (!line.StartsWith(path + "(", StringComparison.Ordinal))
            {
                throw new FuzzFinding("an import message without its capture line: " + line);
            }
        }

        if (plan.NewText is null)
        {
            if (plan.Imported.Count > 0) throw new FuzzFinding("cases were imported but no text was written");
            return;
        }

        RequireLinesKept(evalText, plan.NewText);
        var after = EvalFileParser.Parse(EvalPath, plan.NewText);
        foreach (var (call, id) in plan.Imported)
        {
            var cases = after.Cases.Where(c => c.Id == id).ToList();
            if (cases.Count != 1) throw new FuzzFinding($"the imported case '{id}' is in the new eval file {cases.Count} times; the new file:\n{plan.NewText}");
            if (InputHash.Of(cases[0].Input) != InputHash.Of(call.Input))
            {
                throw new FuzzFinding($"the imported case '{id}' reads back with another input:\n  captured: {PromptJson.Serialize(call.Input)}\n  read:     {PromptJson.Serialize(cases[0].Input)}");
            }
        }
    }

    private static (string Eval, string Captures) Split(string text)
    {
        var lines = text.Split('\n');
        var at = Array.FindIndex(lines, l => l.TrimEnd('\r') == Separator);
        return at < 0
            ? (string.Empty, text)
            : (string.Join("\n", lines.Take(at)) + (at > 0 ? "\n" : string.Empty), string.Join("\n", lines.Skip(at + 1)));
    }

    /// <summary>Every line of the old text is in the new one, in order (<c>cases: []</c> may lose its <c>[]</c>).</summary>
    private static void RequireLinesKept(string oldText, string newText)
    {
        var oldLines = Lines(oldText);
        var newLines = Lines(newText);
        var n = 0;
        foreach (var line in oldLines)
        {
            while (n < newLines.Count && !(newLines[n] == line || LostEmptyBrackets(line, newLines[n])))
            {
                n++;
            }

            if (n == newLines.Count) throw new FuzzFinding($"the import lost or moved a line of the eval file: '{line}'; the new file:\n{newText}");
            n++;
        }
    }

    // `cases: [ ]` loses its empty flow sequence when the block of new cases follows it.
    private static bool LostEmptyBrackets(string oldLine, string newLine)
    {
        var open = oldLine.IndexOf('[', StringComparison.Ordinal);
        var close = open < 0 ? -1 : oldLine.IndexOf(']', open);
        return close > open && oldLine.Substring(open + 1, close - open - 1).Trim().Length == 0
            && newLine == oldLine.Remove(open, close - open + 1);
    }

    // Lines as YAML sees them: a line ends at \r\n, \n or a lone \r.
    private static List<string> Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    // Hand-written capture records in the format PromptGen.Capture writes (their answers are hand-written too).
    private static readonly string[] CaptureSeeds =
    {
        """{"type":"call","callId":"aaaa1111bbbb2222","time":"2026-12-05T07:00:00.000Z","prompt":"classify","version":"0123456789ab","ok":true,"input":{"ticket":"My card was charged twice","product":"Pro"},"output":"{\"category\":\"billing\",\"summary\":\"double charge\",\"tags\":[\"card\"]}","value":{"category":"billing","summary":"double charge","tags":["card"]},"usage":{"inputTokens":40,"outputTokens":9,"totalTokens":49},"model":"gpt-4o-mini"}""",
        """{"type":"call","callId":"eeee5555ffff6666","time":"2026-12-05T07:01:00.000Z","prompt":"classify","version":"0123456789ab","ok":true,"input":{"ticket":"The app crashes on \"export\"\nsince 2.1 \u00e9\ud83d\ude00"},"output":"Sure! {\"category\": \"technical\",}","value":{"category":"technical","summary":"crash","tags":[]},"model":"gpt-4o-mini"}""",
        """{"type":"feedback","callId":"eeee5555ffff6666","time":"2026-12-05T07:02:00.000Z","score":0,"comment":"It was a billing question"}""",
        """{"type":"call","callId":"9999aaaa","time":"2026-12-05T07:03:00.000Z","prompt":"classify","version":"x","ok":false,"input":{"ticket":"no answer"}}""",
        """{"type":"call","callId":"1234","prompt":"classify","input":{"ticket":"numbers","product":"Free"},"output":"{}","value":{"category":"other","summary":"","tags":["a","b"]}}""",
    };

    // Hand-written eval files without errors against the target's prompt: the import's strongest promises (no refusal,
    // no new error) hold only there. The repository's eval files belong to other prompts and have errors here.
    private static readonly string[] EvalSeeds =
    {
        "# Cases of Classify.prompt.\ncases:\n  - id: refund # the first case\n    input: { ticket: \"Please refund order 1182\" }\n    assert:\n      - { path: category, equals: billing }\n\n# The gate comes last.\ngate: { min-pass-rate: 0.9 }\n",
        "defaults: { trials: 1 }\ncases:\n- id: crash\n  input:\n    ticket: \"The app crashes\"\n    product: Pro\n  assert:\n    - schema-valid\n    - { path: tags, count: { min: 0 } }\n",
        "cases: []\r\ngate: { min-pass-rate: 1 }\r\n",
    };

    public static IEnumerable<(string, string)> Seeds(string root)
    {
        var captures = string.Join("\n", CaptureSeeds) + "\n";
        yield return ("captures-only.txt", captures);
        yield return ("one-line.txt", CaptureSeeds[0] + "\n");
        for (var i = 0; i < EvalSeeds.Length; i++)
        {
            yield return ($"valid-eval-{i}.txt", EvalSeeds[i] + Separator + "\n" + captures);
        }

        foreach (var file in SeedFiles.Find(root, ".eval.yaml"))
        {
            yield return (SeedFiles.NameOf(root, file, ".txt"), File.ReadAllText(file).TrimEnd('\n') + "\n" + Separator + "\n" + captures);
        }
    }
}
