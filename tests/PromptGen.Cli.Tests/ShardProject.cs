using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace PromptGen.Cli.Tests;

/// <summary>
/// A throwaway project for sharded eval runs: the consumer's ClassifyTicket prompt, an eval file of generated cases and
/// hand-written recordings (labelled as such) that answer each case billing (it passes) or technical (it fails).
/// </summary>
internal sealed class ShardProject : IDisposable
{
    public ShardProject()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "Prompts"));
        File.Copy(Path.Combine(ConsumerDirectory(), "Prompts", "ClassifyTicket.prompt"), Path.Combine(Folder, "Prompts", "ClassifyTicket.prompt"));
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "promptgen-shard-" + Guid.NewGuid().ToString("N"));

    public string EvalFile => Path.Combine(Folder, "Prompts", "ClassifyTicket.eval.yaml");

    public string RecordingsFile => Path.Combine(Folder, "Prompts", "ClassifyTicket.eval.recordings.json");

    public string BaselineFile => Path.Combine(Folder, "Prompts", "ClassifyTicket.eval.baseline.json");

    /// <summary>Writes the eval file (cases in order, each with one trial unless <paramref name="trials"/>) and the recordings.</summary>
    public void WriteEvalFile(IReadOnlyList<(string Id, bool Passes)> cases, double? minPassRate = null, int trials = 1, IReadOnlyCollection<string>? critical = null)
    {
        var yaml = new StringBuilder();
        if (minPassRate is { } rate) yaml.Append("gate:\n  min-pass-rate: ").Append(rate.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        if (trials != 1) yaml.Append("defaults:\n  trials: ").Append(trials).Append('\n');
        yaml.Append("cases:\n");
        foreach (var (id, _) in cases)
        {
            yaml.Append("  - id: ").Append(YamlQuoted(id)).Append('\n');
            if (critical?.Contains(id) == true) yaml.Append("    critical: true\n");
            yaml.Append("    input: { ticket: \"Please refund order 1182\" }\n");
            yaml.Append("    assert:\n      - { path: category, equals: billing }\n");
        }

        File.WriteAllText(EvalFile, yaml.ToString());
        var entries = cases.Select(c =>
            "{ \"case\": " + JsonSerializer.Serialize(c.Id) + ", \"response\": { \"text\": "
            + JsonSerializer.Serialize(c.Passes ? "{\"category\": \"billing\", \"confidence\": 0.9}" : "{\"category\": \"technical\", \"confidence\": 0.6}")
            + " } }");
        File.WriteAllText(
            RecordingsFile,
            "{ \"note\": \"Hand-written answers for the tests, not model output.\", \"entries\": [\n" + string.Join(",\n", entries) + "\n] }\n");
    }

    /// <summary>A YAML double-quoted scalar: characters YAML treats as breaks or controls are escaped, the rest kept as is.</summary>
    private static string YamlQuoted(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\') quoted.Append('\\').Append(c);
            else if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF') quoted.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            else quoted.Append(c);
        }

        return quoted.Append('"').ToString();
    }

    public string[] EvalArguments(params string[] extra) =>
        new[] { "eval", Folder, "--assembly", ConsumerAssembly(), "--mode", "replay", "--no-progress" }.Concat(extra).ToArray();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static string ConsumerAssembly()
    {
        var configuration = typeof(ShardProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "PromptGen.BuildConfiguration").Value!;
        return Path.Combine(ConsumerDirectory(), "bin", configuration, "net10.0", "PromptGen.Consumer.Tests.dll");
    }

    private static string ConsumerDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "PromptGen.Consumer.Tests"));
}
