using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using PromptGen.Benchmarks.Prompts.Corpus;
using PromptGen.Tests.Corpus;

namespace PromptGen.Benchmarks;

/// <summary>
/// Generated <c>Parse</c>/<c>TryParse</c> (the methods users call: strict codec first, then the schema-aligned parser,
/// then the strict codec on the repaired JSON) over every malformed case of the parsing corpus
/// (tests/PromptGen.Tests/ParsingCorpus, every category but <c>clean</c>), through prompts whose output schemas are the
/// corpus shapes (<c>Prompts/Corpus/</c>). One operation is one pass over all the cases; BAML's parser is timed on the
/// same cases by eng/compare-baml/run-baml.ts.
/// </summary>
[MemoryDiagnoser]
public class ParseCorpusBenchmarks
{
    private readonly (string Text, Func<string, bool> TryParse, Func<string, object?> Parse)[] _cases =
        CorpusData.Malformed.Select(c => (c.ModelText, CorpusData.TryParsers[c.Shape], CorpusData.Parsers[c.Shape])).ToArray();

    // The parser's code takes seconds to reach its final tier (SteadyState), longer than the --quick job's warm-up.
    [GlobalSetup(Target = nameof(GeneratedTryParse))]
    public void WarmUpTryParse() => SteadyState.WarmUpAndLog(() => GeneratedTryParse());

    [GlobalSetup(Target = nameof(GeneratedParse))]
    public void WarmUpParse() => SteadyState.WarmUpAndLog(() => GeneratedParse());

    [Benchmark(Description = "generated TryParse, malformed corpus pass")]
    public int GeneratedTryParse()
    {
        var parsed = 0;
        foreach (var (text, tryParse, _) in _cases)
        {
            if (tryParse(text)) parsed++;
        }

        return parsed;
    }

    private readonly (string Text, OutputShape Shape)[] _shapeCases =
        CorpusData.Malformed.Select(c => (c.ModelText, CorpusData.Shapes[c.Shape])).ToArray();

    /// <summary>The repair path alone (no strict attempt before it, no read of its JSON after it), for the breakdown of a pass.</summary>
    public int SchemaAlignedParserAlone()
    {
        var parsed = 0;
        foreach (var (text, shape) in _shapeCases)
        {
            if (SchemaAlignedParser.Parse(text, shape).Success) parsed++;
        }

        return parsed;
    }

    [Benchmark(Description = "generated Parse, malformed corpus pass")]
    public int GeneratedParse()
    {
        var parsed = 0;
        foreach (var (text, _, parse) in _cases)
        {
            try
            {
                parse(text);
                parsed++;
            }
            catch (PromptOutputException)
            {
                // Rejected output: BAML's loop catches its exception the same way.
            }
        }

        return parsed;
    }
}

internal static class CorpusData
{
    public static readonly string Folder = FindCorpus();

    public static readonly IReadOnlyList<CorpusCase> All = CorpusCase.LoadAll(Folder).ToList();

    public static readonly IReadOnlyList<CorpusCase> Malformed = All.Where(c => c.Category != "clean").ToList();

    public static int CasesPerPass => Malformed.Count;

    public static readonly Dictionary<string, Func<string, bool>> TryParsers = new()
    {
        ["Ticket"] = t => CorpusTicketPrompt.TryParse(t, out _, out _),
        ["Person"] = t => CorpusPersonPrompt.TryParse(t, out _, out _),
        ["Extraction"] = t => CorpusExtractionPrompt.TryParse(t, out _, out _),
        ["Tags"] = t => CorpusTagsPrompt.TryParse(t, out _, out _),
        ["Scores"] = t => CorpusScoresPrompt.TryParse(t, out _, out _),
        ["Answer"] = t => CorpusAnswerPrompt.TryParse(t, out _, out _),
        ["Sentiment"] = t => CorpusSentimentPrompt.TryParse(t, out _, out _),
        ["Task"] = t => CorpusTaskPrompt.TryParse(t, out _, out _),
        ["Count"] = t => CorpusCountPrompt.TryParse(t, out _, out _),
    };

    public static readonly Dictionary<string, Func<string, object?>> Parsers = new()
    {
        ["Ticket"] = t => CorpusTicketPrompt.Parse(t),
        ["Person"] = t => CorpusPersonPrompt.Parse(t),
        ["Extraction"] = t => CorpusExtractionPrompt.Parse(t),
        ["Tags"] = t => CorpusTagsPrompt.Parse(t),
        ["Scores"] = t => CorpusScoresPrompt.Parse(t),
        ["Answer"] = t => CorpusAnswerPrompt.Parse(t),
        ["Sentiment"] = t => CorpusSentimentPrompt.Parse(t),
        ["Task"] = t => CorpusTaskPrompt.Parse(t),
        ["Count"] = t => CorpusCountPrompt.Parse(t),
    };

    /// <summary>The shape of each corpus output type, as generated <c>Parse</c> gives it to the schema-aligned parser.</summary>
    public static readonly Dictionary<string, OutputShape> Shapes = new()
    {
        ["Ticket"] = ShapeOf(CorpusTicketPrompt.OutputJsonSchema),
        ["Person"] = ShapeOf(CorpusPersonPrompt.OutputJsonSchema),
        ["Extraction"] = ShapeOf(CorpusExtractionPrompt.OutputJsonSchema),
        ["Tags"] = ShapeOf(CorpusTagsPrompt.OutputJsonSchema),
        ["Scores"] = ShapeOf(CorpusScoresPrompt.OutputJsonSchema),
        ["Answer"] = ShapeOf(CorpusAnswerPrompt.OutputJsonSchema),
        ["Sentiment"] = ShapeOf(CorpusSentimentPrompt.OutputJsonSchema),
        ["Task"] = ShapeOf(CorpusTaskPrompt.OutputJsonSchema),
        ["Count"] = ShapeOf(CorpusCountPrompt.OutputJsonSchema),
    };

    /// <summary>The generated prompt of each corpus shape in the catalog, for its <c>ParseToJson</c> (TryParse, then the generated writer).</summary>
    public static readonly Dictionary<string, PromptGen.Catalog.IPromptDescriptor> Descriptors =
        PromptGen.Benchmarks.PromptGenCatalog.Prompts.Where(p => p.Name.StartsWith("corpus_", StringComparison.Ordinal))
            .ToDictionary(p => All.Select(c => c.Shape).First(s => "corpus_" + s.ToLowerInvariant() == p.Name));

    private static OutputShape ShapeOf(string jsonSchema) => PromptGen.Evals.Schemas.OutputShapes.FromJsonSchema(jsonSchema);

    private static string FindCorpus()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "PromptGen.Tests", "ParsingCorpus");
            if (Directory.Exists(candidate)) return candidate;
        }

        throw new DirectoryNotFoundException("tests/PromptGen.Tests/ParsingCorpus not found above " + AppContext.BaseDirectory);
    }
}
