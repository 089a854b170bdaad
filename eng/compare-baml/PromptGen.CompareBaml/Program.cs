using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using PromptGen;
using PromptGen.Tests.Corpus;

// Usage: PromptGen.CompareBaml <corpus-dir> <baml-results.json> [min-seconds]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: PromptGen.CompareBaml <corpus-dir> <baml-results.json> [min-seconds]");
    return 2;
}

var corpusDir = Path.GetFullPath(args[0]);
var minSeconds = 3.0;
if (args.Length > 2 && (!double.TryParse(args[2], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out minSeconds) || !(minSeconds > 0 && minSeconds <= 3600)))
{
    Console.Error.WriteLine($"min-seconds must be a number of seconds above 0 and at most 3600, not '{args[2]}'");
    Console.Error.WriteLine("usage: PromptGen.CompareBaml <corpus-dir> <baml-results.json> [min-seconds]");
    return 2;
}

if (!File.Exists(Path.Combine(corpusDir, "shapes.json")))
{
    Console.Error.WriteLine($"{corpusDir}: not a parsing corpus (no shapes.json); eng/compare-baml.sh passes tests/PromptGen.Tests/ParsingCorpus");
    return 2;
}

if (!File.Exists(args[1]))
{
    Console.Error.WriteLine($"{args[1]}: no such file (BAML's results, written by eng/compare-baml/run-baml.ts)");
    return 2;
}

var shapes = CorpusShapes.Load(corpusDir);
var cases = CorpusCase.LoadAll(corpusDir).ToList();

using var bamlDocument = JsonDocument.Parse(File.ReadAllText(args[1]));
var bamlResults = bamlDocument.RootElement.GetProperty("results").EnumerateArray()
    .ToDictionary(r => r.GetProperty("id").GetString()!, r => r);
var bamlThroughput = bamlDocument.RootElement.GetProperty("throughput");
var bamlParses = bamlThroughput.GetProperty("parses").GetDouble();
var bamlRate = bamlParses / bamlThroughput.GetProperty("seconds").GetDouble();
var bamlCpuRate = bamlParses / bamlThroughput.GetProperty("cpuSeconds").GetDouble();
var bamlCasesPerRound = bamlThroughput.GetProperty("casesPerRound").GetDouble();
var bamlBestRate = bamlCasesPerRound / bamlThroughput.GetProperty("bestRoundSeconds").GetDouble();
var bamlMedianRate = bamlCasesPerRound / bamlThroughput.GetProperty("medianRoundSeconds").GetDouble();

var rows = new SortedDictionary<string, (int Total, int PromptGenOk, int BamlOk)>(StringComparer.Ordinal);
var disagreements = new List<string>();
foreach (var c in cases)
{
    var outcome = SchemaAlignedParser.Parse(c.ModelText, shapes[c.Shape]);
    var promptGenOk = Matches(c, outcome.Success, outcome.Success ? outcome.JsonText : null);

    var bamlOk = false;
    if (bamlResults.TryGetValue(c.Id, out var baml))
    {
        var parsed = baml.GetProperty("parsed").GetBoolean();
        bamlOk = Matches(c, parsed, parsed ? baml.GetProperty("json").GetString() : null);
    }

    var row = rows.TryGetValue(c.Category, out var r) ? r : default;
    rows[c.Category] = (row.Total + 1, row.PromptGenOk + (promptGenOk ? 1 : 0), row.BamlOk + (bamlOk ? 1 : 0));
    if (promptGenOk != bamlOk)
    {
        disagreements.Add($"  {c.Id}: PromptGen {(promptGenOk ? "ok" : "WRONG")}, BAML {(bamlOk ? "ok" : "WRONG")}");
    }
}

// Throughput on malformed output, every case except the clean category: the parser core, that is the schema-aligned
// repair to canonical JSON, then a strict Utf8JsonReader pass over that JSON. Generated Parse, which users call, first
// tries the strict codec and throws on rejects; eng/bench.sh times that (parse_malformed_vs_baml).
var malformed = cases.Where(c => c.Category != "clean").Select(c => (c.ModelText, Shape: shapes[c.Shape])).ToArray();
RunPromptGen(malformed, TimeSpan.FromSeconds(Math.Max(2, minSeconds))); // warm-up: JIT tiering and PGO settle
var (parses, seconds, cpuSeconds, bestRound, medianRound) = RunPromptGen(malformed, TimeSpan.FromSeconds(minSeconds));
var promptGenRate = parses / seconds;
var promptGenCpuRate = parses / cpuSeconds;
var promptGenBestRate = malformed.Length / bestRound;
var promptGenMedianRate = malformed.Length / medianRound;

Console.WriteLine($"{"category",-30} {"PromptGen",10} {"BAML",10}");
foreach (var (category, (total, pg, bm)) in rows)
{
    Console.WriteLine($"{category,-30} {pg,4}/{total,-5} {bm,4}/{total,-5}");
}

var totalCases = rows.Values.Sum(v => v.Total);
Console.WriteLine($"{"total",-30} {rows.Values.Sum(v => v.PromptGenOk),4}/{totalCases,-5} {rows.Values.Sum(v => v.BamlOk),4}/{totalCases,-5}");
Console.WriteLine();
Console.WriteLine($"throughput on malformed output ({malformed.Length} cases), PromptGen's parser core (schema-aligned repair and a strict read):");
Console.WriteLine($"{"",13}{"per wall s",14}{"per CPU s",14}{"best round",14}{"median round",14}");
Console.WriteLine($"  PromptGen  {promptGenRate,14:N0}{promptGenCpuRate,14:N0}{promptGenBestRate,14:N0}{promptGenMedianRate,14:N0}");
Console.WriteLine($"  BAML       {bamlRate,14:N0}{bamlCpuRate,14:N0}{bamlBestRate,14:N0}{bamlMedianRate,14:N0}   ({bamlDocument.RootElement.GetProperty("parser").GetString()}, b.parse from TypeScript)");
Console.WriteLine($"  ratio      {promptGenRate / bamlRate,13:N1}x{promptGenCpuRate / bamlCpuRate,13:N1}x{promptGenBestRate / bamlBestRate,13:N1}x{promptGenMedianRate / bamlMedianRate,13:N1}x");
Console.WriteLine("  (parses per second; a round is one pass over the cases. On a busy machine the best and median rounds are");
Console.WriteLine("   the least disturbed by other processes; per wall s and per CPU s cover the whole timed run.)");
Console.WriteLine("  (generated Parse, the method users call, against BAML: parse_malformed_vs_baml of bash eng/bench.sh --quick.)");
if (disagreements.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("cases where only one parser got the expected result:");
    disagreements.ForEach(Console.WriteLine);
}

return 0;

static bool Matches(CorpusCase c, bool parsed, string? json)
{
    if (c.ExpectError is not null)
    {
        return !parsed;
    }

    if (!parsed || json is null)
    {
        return false;
    }

    using var expected = JsonDocument.Parse(c.ExpectJson!);
    using var actual = JsonDocument.Parse(json);
    return JsonEquivalence.AreEquivalent(expected.RootElement, actual.RootElement, out _);
}

static (long Parses, double Seconds, double CpuSeconds, double BestRound, double MedianRound) RunPromptGen((string Text, OutputShape Shape)[] inputs, TimeSpan duration)
{
    long parses = 0;
    var rounds = new List<double>();
    var process = Process.GetCurrentProcess();
    var cpuStart = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    while (watch.Elapsed < duration)
    {
        var roundStart = watch.Elapsed;
        foreach (var (text, shape) in inputs)
        {
            var outcome = SchemaAlignedParser.Parse(text, shape);
            if (outcome.Success)
            {
                var reader = new Utf8JsonReader(outcome.Utf8Json.Span);
                while (reader.Read())
                {
                }
            }

            parses++;
        }

        rounds.Add((watch.Elapsed - roundStart).TotalSeconds);
    }

    var wall = watch.Elapsed.TotalSeconds;
    process.Refresh();
    rounds.Sort();
    return (parses, wall, (process.TotalProcessorTime - cpuStart).TotalSeconds, rounds[0], rounds[rounds.Count / 2]);
}
