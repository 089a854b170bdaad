using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using PromptGen.Benchmarks.Prompts;

namespace PromptGen.Benchmarks;

/// <summary>
/// Clean JSON (what the model returns most of the time): generated <c>Parse</c> (its strict <c>Utf8JsonReader</c> codec)
/// against System.Text.Json reflection deserialization of the same generated type, and System.Text.Json's source
/// generator on a hand-written type of the same shape (a source generator cannot see another generator's types).
/// </summary>
[MemoryDiagnoser]
public class ParseCleanJsonBenchmarks
{
    private readonly string _json = BenchmarkData.CleanTriageJson;

    // System.Text.Json's paths take about 2 s to reach their final tier (SteadyState): each engine is timed in its final code.
    [GlobalSetup(Target = nameof(GeneratedParse))]
    public void WarmUpGeneratedParse() => SteadyState.WarmUpAndLog(() => GeneratedParse());

    [GlobalSetup(Target = nameof(SystemTextJsonReflection))]
    public void WarmUpReflection() => SteadyState.WarmUpAndLog(() => SystemTextJsonReflection());

    [GlobalSetup(Target = nameof(SystemTextJsonSourceGenerated))]
    public void WarmUpSourceGenerated() => SteadyState.WarmUpAndLog(() => SystemTextJsonSourceGenerated());

    [Benchmark(Description = "generated Parse")]
    public TriageTicketPrompt.Output GeneratedParse() => TriageTicketPrompt.Parse(_json);

    [Benchmark(Baseline = true, Description = "System.Text.Json reflection")]
    public TriageTicketPrompt.Output? SystemTextJsonReflection() =>
        JsonSerializer.Deserialize<TriageTicketPrompt.Output>(_json, BenchmarkData.ReflectionOptions);

    [Benchmark(Description = "System.Text.Json source generator")]
    public TriageDto? SystemTextJsonSourceGenerated() => JsonSerializer.Deserialize(_json, TriageJsonContext.Configured.TriageDto);
}

/// <summary>The shape of <see cref="TriageTicketPrompt.Output"/>, hand-written for System.Text.Json's source generator.</summary>
public sealed class TriageDto
{
    public required TriageCategory Category { get; init; }

    public required long Priority { get; init; }

    public required double Confidence { get; init; }

    public required string Summary { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public required bool NeedsHuman { get; init; }

    public TriageCustomer? Customer { get; init; }
}

public sealed class TriageCustomer
{
    public required string Name { get; init; }

    public string? Plan { get; init; }
}

public enum TriageCategory
{
    Billing,
    Technical,
    HowTo,
    Account,
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TriageDto))]
internal sealed partial class TriageJsonContext : JsonSerializerContext
{
    /// <summary>Enums as kebab-case strings, like the generated type's wire names.</summary>
    public static readonly TriageJsonContext Configured = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter<TriageCategory>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    });
}
