using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PromptGen.Benchmarks.Prompts;

namespace PromptGen.Benchmarks;

/// <summary>
/// Clean JSON (what the model returns most of the time): generated <c>Parse</c> (its strict <c>Utf8JsonReader</c> codec)
/// against System.Text.Json reflection deserialization of the same generated type.
/// </summary>
[MemoryDiagnoser]
public class ParseCleanJsonBenchmarks
{
    private readonly string _json = BenchmarkData.CleanTriageJson;

    [Benchmark(Description = "generated Parse")]
    public TriageTicketPrompt.Output GeneratedParse() => TriageTicketPrompt.Parse(_json);

    [Benchmark(Baseline = true, Description = "System.Text.Json reflection")]
    public TriageTicketPrompt.Output? SystemTextJsonReflection() =>
        JsonSerializer.Deserialize<TriageTicketPrompt.Output>(_json, BenchmarkData.ReflectionOptions);
}
