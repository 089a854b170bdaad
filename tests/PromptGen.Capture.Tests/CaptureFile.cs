using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace PromptGen.Capture.Tests;

/// <summary>Reads capture files the strict way: every line must be one whole JSON object ending in a newline.</summary>
internal static class CaptureFile
{
    public static List<JsonElement> ReadAll(string folder)
    {
        var records = new List<JsonElement>();
        foreach (var file in Directory.GetFiles(folder, "*.jsonl").OrderBy(f => f, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            if (text.Length > 0) Assert.EndsWith("\n", text, StringComparison.Ordinal);
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var document = JsonDocument.Parse(line);
                Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
                records.Add(document.RootElement.Clone());
            }
        }

        return records;
    }

    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "promptgen-capture-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
