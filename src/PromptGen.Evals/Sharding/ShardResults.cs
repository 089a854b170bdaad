using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using PromptGen.Evals.Files;
using PromptGen.Evals.Gate;
using PromptGen.Evals.Results;
using PromptGen.Evals.Running;
using PromptGen.Evals.Security;

namespace PromptGen.Evals.Sharding;

/// <summary>
/// What one shard of a sharded eval run writes to its folder (<see cref="FileName"/>): every trial of its cases, the
/// suite's case list and gate settings, and the fingerprint that every shard of the same run shares.
/// </summary>
internal sealed record ShardResults
{
    /// <summary>The shard results file inside a shard folder.</summary>
    public const string FileName = "promptgen-shard.json";

    /// <summary>The folder, inside a shard folder, that holds the recordings the shard made (record and auto modes).</summary>
    public const string RecordingsFolder = "recordings";

    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public int Format { get; init; } = CurrentFormat;

    /// <summary>This shard's number, from 1.</summary>
    public int Shard { get; init; }

    /// <summary>How many shards the run was split into.</summary>
    public int Shards { get; init; }

    /// <summary>SHA-256 of the PromptGen version, the mode, the filter, each eval file's path and content, and its case list.</summary>
    public string Fingerprint { get; init; } = string.Empty;

    public string PromptGenVersion { get; init; } = string.Empty;

    public string Mode { get; init; } = string.Empty;

    public string? Filter { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public TimeSpan Duration { get; init; }

    public IReadOnlyList<ShardSuite> Suites { get; init; } = Array.Empty<ShardSuite>();

    /// <summary>The findings of eval files that could not run (checks, missing prompts); the same in every shard.</summary>
    public IReadOnlyList<EvalFinding> Findings { get; init; } = Array.Empty<EvalFinding>();

    /// <summary>The version of the eval runner, as the fingerprint names it.</summary>
    public static string RunnerVersion { get; } =
        typeof(ShardResults).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ShardResults).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>
    /// The fingerprint of a run's inputs: equal in every shard of the same suite, different when an eval file, its case
    /// list, the mode, the filter or the PromptGen version differs.
    /// </summary>
    public static string ComputeFingerprint(string mode, string? filter, IEnumerable<(string SuitePath, byte[] Content, IReadOnlyList<string> CaseIds)> files)
    {
        var text = new StringBuilder();
        text.Append("promptgen ").Append(RunnerVersion).Append('\n');
        text.Append("mode ").Append(mode).Append('\n');
        text.Append("filter ").Append(filter ?? string.Empty).Append('\n');
        using var sha = SHA256.Create();
        foreach (var file in files.OrderBy(f => f.SuitePath, StringComparer.Ordinal))
        {
            // Lengths first, so no path or id can make two different lists read the same.
            text.Append("file ").Append(file.SuitePath.Length).Append(':').Append(file.SuitePath)
                .Append(' ').Append(Convert.ToHexString(sha.ComputeHash(file.Content))).Append('\n');
            foreach (var id in file.CaseIds) text.Append("case ").Append(id.Length).Append(':').Append(id).Append('\n');
        }

        return Convert.ToHexString(sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    /// <summary>Writes the results into <paramref name="folder"/> (created if needed), atomically; returns the file's path.</summary>
    public string Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        AtomicFile.WriteText(path, EvalSecrets.Scrub(JsonSerializer.Serialize(this, s_options)) + "\n");
        return path;
    }

    /// <summary>Reads the shard results in <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidDataException">The folder has no shard results, or they cannot be read.</exception>
    public static ShardResults Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new InvalidDataException($"'{folder}' holds no shard results ({FileName}); run 'promptgen eval --shard i/n --shard-output <dir>' to write them.");
        ShardResults? results;
        try
        {
            results = JsonSerializer.Deserialize<ShardResults>(File.ReadAllBytes(path), s_options);
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InvalidDataException($"The shard results '{path}' could not be read: {exception.Message}", exception);
        }

        if (results is null || results.Format != CurrentFormat)
            throw new InvalidDataException($"The shard results '{path}' are not in format {CurrentFormat} (written by another PromptGen version?).");
        return results;
    }
}

/// <summary>One eval file's part of a shard.</summary>
internal sealed record ShardSuite
{
    /// <summary>The eval file as the run named it (reports and findings show this).</summary>
    public string EvalFile { get; init; } = string.Empty;

    /// <summary>The eval file relative to the project folder, <c>/</c> separators: the shard hash's key and where the baseline is.</summary>
    public string SuitePath { get; init; } = string.Empty;

    public string PromptName { get; init; } = string.Empty;

    public string? Target { get; init; }

    /// <summary>The cases of the whole suite (after the filter), in file order: what the shards together must cover.</summary>
    public IReadOnlyList<string> CaseIds { get; init; } = Array.Empty<string>();

    /// <summary>Every case id in the eval file (a filtered baseline update keeps the others' entries).</summary>
    public IReadOnlyList<string> AllCaseIds { get; init; } = Array.Empty<string>();

    public GateSettings Gate { get; init; } = new();

    /// <summary>This shard's cases, every trial.</summary>
    public IReadOnlyList<CaseResult> Results { get; init; } = Array.Empty<CaseResult>();

    /// <summary>The eval file's check findings (warnings; the same in every shard).</summary>
    public IReadOnlyList<EvalFinding> Findings { get; init; } = Array.Empty<EvalFinding>();

    /// <summary>The recordings this shard made for its cases, relative to the shard folder, or <c>null</c>.</summary>
    public string? Recordings { get; init; }
}
