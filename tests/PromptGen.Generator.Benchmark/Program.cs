using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptGen.Generator;

// The generator's dependencies (the language core, YamlDotNet) sit beside it, as analyzer assemblies do for csc, but the
// generator project hides them from this project's dependency list: load them from this folder.
System.Runtime.Loader.AssemblyLoadContext.Default.Resolving += static (context, name) =>
{
    var candidate = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
    return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
};

// Usage: [fixture-dir (default artifacts/fixture)] [warm runs (default 5)] [--steps] [--runs-only] [--phases [--retained]]
// --retained (with --phases) adds what each step's outputs keep alive after a full collection.
// --steps adds runs with Roslyn's step tracking, for each step's share; tracking itself costs far more than the steps
// on a large project, so those runs are not the generator's time.
var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var fixture = Path.GetFullPath(positional.Length > 0 ? positional[0] : Path.Combine(FindRepositoryRoot(), "artifacts", "fixture"));
var runs = positional.Length > 1 ? int.Parse(positional[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
var trackSteps = args.Contains("--steps");
// --runs-only stops after the warm runs: a profiler attached to the process then sees the generator and nothing else.
var runsOnly = args.Contains("--runs-only");
var promptFolder = Path.Combine(fixture, "Prompts");
if (!Directory.Exists(promptFolder))
{
    Console.Error.WriteLine($"no fixture at {fixture} (run: bash eng/fixture.sh)");
    return 2;
}

var texts = Directory.GetFiles(promptFolder, "*.prompt", SearchOption.AllDirectories)
    .Order(StringComparer.Ordinal)
    .Select(path => (AdditionalText)new FileText(path, File.ReadAllText(path)))
    .ToImmutableArray();
var projectDir = fixture.EndsWith('/') ? fixture : fixture + "/";
var options = new OptionsProvider(new Dictionary<string, string>
{
    ["build_property.RootNamespace"] = "Fixture",
    ["build_property.ProjectDir"] = projectDir,
});
var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
var compilation = CSharpCompilation.Create(
    "Fixture",
    Array.Empty<SyntaxTree>(),
    new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

Console.WriteLine($"fixture: {fixture} ({texts.Length} .prompt files); load average {LoadAverage()}");
if (args.Contains("--phases"))
{
    Phases.Run(texts, projectDir, runs, args.Contains("--retained"));
    return 0;
}

GeneratorDriver NewDriver(bool track) => CSharpGeneratorDriver.Create(
    new[] { new PromptGenerator().AsSourceGenerator() }, texts, parseOptions, options,
    new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

// 1. Cold: the first run in this process pays for loading and JIT-compiling the generator, as csc does in every build.
var stopwatch = Stopwatch.StartNew();
var driver = NewDriver(track: false).RunGenerators(compilation);
var coldMs = stopwatch.Elapsed.TotalMilliseconds;
var cold = driver.GetRunResult().Results[0];
var generatedLines = cold.GeneratedSources.Sum(s => s.SourceText.Lines.Count);
Console.WriteLine($"cold run: {coldMs:F0} ms wall (Roslyn's generator time {driver.GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds:F0} ms); " +
                  $"{cold.GeneratedSources.Length} files, {generatedLines} lines, {cold.Diagnostics.Length} diagnostics");
foreach (var diagnostic in cold.Diagnostics.Take(3)) Console.WriteLine("  " + diagnostic);
if (cold.Exception is not null) Console.WriteLine("  " + cold.Exception);

// 2. Warm full runs (a new driver each time, so nothing is cached), without and with step tracking.
var warm = new List<double>();
var warmCpu = new List<double>();
var warmAllocated = new List<double>();
// The GC's share: the time the runtime was paused for collections, and how many of each generation a run took. What the
// steps keep alive is promoted through the generations, so less kept means fewer and shorter gen1 and gen2 collections.
var warmGcPause = new List<double>();
var warmCollections = new List<(int Gen0, int Gen1, int Gen2)>();
var process = Process.GetCurrentProcess();
for (var i = 0; i < runs; i++)
{
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var pause = GC.GetTotalPauseDuration();
    var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    stopwatch.Restart();
    NewDriver(track: false).RunGenerators(compilation);
    warm.Add(stopwatch.Elapsed.TotalMilliseconds);
    process.Refresh();
    warmCpu.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
    warmAllocated.Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6);
    warmGcPause.Add((GC.GetTotalPauseDuration() - pause).TotalMilliseconds);
    warmCollections.Add((GC.CollectionCount(0) - collections.Item1, GC.CollectionCount(1) - collections.Item2, GC.CollectionCount(2) - collections.Item3));
}
Console.WriteLine($"warm runs: median {Median(warm):F0} ms wall ({string.Join(", ", warm.Select(w => w.ToString("F0")))}), " +
                  $"median {Median(warmCpu):F0} ms CPU of the process (GC threads included), median {Median(warmAllocated):F0} MB allocated");
Console.WriteLine($"warm runs' GC: median {Median(warmGcPause):F0} ms paused ({string.Join(", ", warmGcPause.Select(w => w.ToString("F0")))}); " +
                  $"collections gen0/gen1/gen2 per run: {string.Join(", ", warmCollections.Select(c => $"{c.Gen0}/{c.Gen1}/{c.Gen2}"))}");

if (runsOnly) return 0;

var steps = new Dictionary<string, List<double>>();
GeneratorRunResult tracked = default;
for (var i = 0; i < (trackSteps ? runs : 0); i++)
{
    tracked = NewDriver(track: true).RunGenerators(compilation).GetRunResult().Results[0];
    foreach (var (name, list) in tracked.TrackedSteps.Concat(tracked.TrackedOutputSteps))
    {
        if (!steps.TryGetValue(name, out var times)) steps[name] = times = new List<double>();
        times.Add(list.Sum(step => step.ElapsedTime.TotalMilliseconds));
    }
}
if (trackSteps) Console.WriteLine("per step (median over the tracked runs, summed over the step's items; SourceOutput includes emitting and AddSource):");
foreach (var (name, times) in steps.OrderByDescending(e => Median(e.Value)))
{
    Console.WriteLine($"  {name,-24} {Median(times),8:F1} ms  ({ItemCount(tracked, name)} items)");
}

// 3. Parsing the generated sources into syntax trees, timed on its own (csc does it for the compilation).
var sources = cold.GeneratedSources.Select(s => s.SourceText).ToArray();
var parses = new List<double>();
for (var i = 0; i < Math.Max(2, runs); i++)
{
    stopwatch.Restart();
    foreach (var source in sources) CSharpSyntaxTree.ParseText(source, parseOptions).GetRoot();
    parses.Add(stopwatch.Elapsed.TotalMilliseconds);
}
Console.WriteLine($"parsing the generated code on its own (CSharpSyntaxTree.ParseText; the profile shows little of it inside RunGenerators): median {Median(parses):F0} ms");

// 4. Incremental: one prompt edited after a full run.
var edited = texts[0];
var editedText = new FileText(edited.Path, edited.GetText()!.ToString() + "\nEdited.\n");
var incremental = new List<double>();
for (var i = 0; i < runs; i++)
{
    var baseline = NewDriver(track: false).RunGenerators(compilation);
    var changed = baseline.ReplaceAdditionalText(edited, editedText);
    stopwatch.Restart();
    changed.RunGenerators(compilation);
    incremental.Add(stopwatch.Elapsed.TotalMilliseconds);
}
Console.WriteLine($"one prompt edited after a full run: median {Median(incremental):F0} ms");
Console.WriteLine($"load average after: {LoadAverage()}");
return 0;

static double Median(List<double> values)
{
    if (values.Count == 0) return double.NaN;
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static int ItemCount(GeneratorRunResult result, string name) =>
    result.TrackedSteps.TryGetValue(name, out var steps) ? steps.Length
    : result.TrackedOutputSteps.TryGetValue(name, out var outputs) ? outputs.Length : 0;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string FindRepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "PromptGen.sln"))) return folder.FullName;
    }

    return Directory.GetCurrentDirectory();
}

internal sealed class FileText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

internal sealed class OptionsProvider(IReadOnlyDictionary<string, string> global) : AnalyzerConfigOptionsProvider
{
    private static readonly Options s_empty = new(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => s_empty;

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
