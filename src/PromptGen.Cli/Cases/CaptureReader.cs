using System.Text.Json;
using PromptGen.Evals.Files;
using PromptGen.Language.Values;

namespace PromptGen.Cli.Cases;

/// <summary>
/// Reads capture files (JSON Lines written by PromptGen.Capture): <c>call</c> records, with the <c>feedback</c> records
/// joined to them by call id. A line that is not a whole JSON object (cut by a crash) is skipped with a warning.
/// </summary>
internal static class CaptureReader
{
    /// <summary>Every capture file a path names: the file itself, or the <c>*.jsonl</c> files of a folder (oldest name first).</summary>
    public static IReadOnlyList<string> Files(string path)
    {
        if (Directory.Exists(path)) return Directory.GetFiles(path, "*.jsonl").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (File.Exists(path)) return new[] { path };
        throw new FileNotFoundException($"No capture file or folder '{path}'.", path);
    }

    public static List<CapturedCall> Read(IEnumerable<string> files, List<string> warnings)
    {
        var calls = new List<CapturedCall>();
        var feedback = new Dictionary<string, (double Score, string? Comment)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (number, line) in CaptureLines.Read(file, warnings))
            {
                if (line.Length == 0) continue;
                JsonElement record;
                try
                {
                    using var document = JsonDocument.Parse(line);
                    record = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    warnings.Add($"{file}({number},1): warning: not a whole JSON record; skipped");
                    continue;
                }

                if (record.ValueKind != JsonValueKind.Object) continue;
                try
                {
                    switch (String(record, "type"))
                    {
                        case "call" when ReadCall(file, number, record) is { } call:
                            calls.Add(call);
                            break;
                        case "call":
                            warnings.Add($"{file}({number},1): warning: call record without callId, prompt or input; skipped");
                            break;
                        case "feedback" when String(record, "callId") is { } id && record.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number:
                            // The worst verdict on a call decides whether it comes first.
                            if (!feedback.TryGetValue(id, out var known) || score.GetDouble() < known.Score)
                                feedback[id] = (score.GetDouble(), String(record, "comment"));
                            break;
                    }
                }
                catch (InvalidOperationException)
                {
                    // Valid JSON that System.Text.Json cannot decode (an edited file: the capture writer writes a lone surrogate as
                    // U+FFFD): the record is skipped, not the import.
                    warnings.Add($"{file}({number},1): warning: {JsonErrorPosition.UnpairedSurrogateProblem}; skipped");
                }
            }
        }

        return calls.Select(c => feedback.TryGetValue(c.CallId, out var f) ? c with { Score = f.Score, Comment = f.Comment } : c).ToList();
    }

    private static CapturedCall? ReadCall(string file, int line, JsonElement record)
    {
        if (String(record, "callId") is not { } id || String(record, "prompt") is not { } prompt || !record.TryGetProperty("input", out var input))
            return null;
        record.TryGetProperty("usage", out var usage);
        return new CapturedCall(
            file,
            line,
            id,
            prompt,
            String(record, "version") ?? string.Empty,
            record.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True,
            PromptJson.Parse(input.GetRawText()),
            String(record, "output"),
            record.TryGetProperty("value", out var value) ? PromptJson.Parse(value.GetRawText()) : null,
            String(record, "model"),
            Number(usage, "inputTokens"),
            Number(usage, "outputTokens"),
            Number(usage, "totalTokens"),
            String(record, "time") ?? string.Empty);
    }

    private static string? String(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement record, string name) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : null;
}
