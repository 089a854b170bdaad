using BenchmarkDotNet.Attributes;
using PromptGen.Benchmarks.Prompts;

namespace PromptGen.Benchmarks;

/// <summary>
/// Malformed output (prose, code fence, trailing commas, wrong-case enum, number in quotes). Generated <c>Parse</c> tries
/// its strict codec first and repairs when that fails; the second benchmark is the repair path alone.
/// </summary>
[MemoryDiagnoser]
public class ParseMalformedBenchmarks
{
    private readonly string _text = BenchmarkData.MalformedTriageText;

    // The repair path's code takes seconds to reach its final tier (SteadyState).
    [GlobalSetup(Target = nameof(GeneratedParse))]
    public void WarmUpGeneratedParse() => SteadyState.WarmUpAndLog(() => GeneratedParse());

    [GlobalSetup(Target = nameof(SchemaAlignedParserAlone))]
    public void WarmUpSchemaAlignedParser() => SteadyState.WarmUpAndLog(() => SchemaAlignedParserAlone());

    [Benchmark(Baseline = true, Description = "generated Parse")]
    public TriageTicketPrompt.Output GeneratedParse() => TriageTicketPrompt.Parse(_text);

    private readonly OutputShape _shape = PromptGen.Evals.Schemas.OutputShapes.FromJsonSchema(TriageTicketPrompt.OutputJsonSchema);

    [Benchmark(Description = "schema-aligned parser alone")]
    public int SchemaAlignedParserAlone() => SchemaAlignedParser.Parse(_text, _shape).Utf8Json.Length;
}
