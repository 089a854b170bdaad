using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// What the C# compiler pays for each construct of the generated code: compiles the generated files of a fixture built by
// eng/measure-generator.sh, as they are and with one construct removed or rewritten at a time, and prints the CPU time
// and the bytes allocated by parsing, by emitting (binding, flow analysis, lowering, IL and metadata) and by the .NET
// analyzers that run over generated code. One thread, in process, after warm-up runs: allocations move little with the
// machine's load, CPU time does.
//
//   dotnet run -c Release --project eng/compile-cost/PromptGen.CompileCost -- FIXTURE [--prompts N] [--analyzers A,B] [VARIANT ...]
//   dotnet run -c Release --project eng/compile-cost/PromptGen.CompileCost -- FIXTURE --parse-only
//
// FIXTURE: the --out folder of eng/measure-generator.sh (its generated files and its compiler command line are read).
// --prompts N: only prompts 0 to N-1 (and their catalog entries). --analyzers: analyzer type names to run (default: the
// two that take time on generated code, CA2252 and CA1856). VARIANT: names below; none = all. --parse-only: only the wall
// time of parsing the generated files, the first time and five times more (the compiler parses what a generator adds
// lazily, after the generator's timer has stopped: this is compile time, not generator time).
var arguments = args.ToList();
var parseOnly = arguments.Remove("--parse-only");
if (arguments.Count == 0 || arguments[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: PromptGen.CompileCost FIXTURE [--prompts N] [--analyzers A,B] [VARIANT ...]; variants: " + string.Join(", ", Variants.All.Keys));
    return 2;
}

var fixture = arguments[0];
var prompts = TakeOption(arguments, "--prompts") is { } p ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
var analyzerNames = (TakeOption(arguments, "--analyzers") ?? "DetectPreviewFeature,ConstantExpected").Split(',');
var variants = arguments.Skip(1).ToList();
if (variants.Count == 0) variants = Variants.All.Keys.ToList();

var commandLine = CompilerCommandLine(fixture);
var references = commandLine.Where(a => a.StartsWith("/reference:", StringComparison.Ordinal))
    .Select(a => (MetadataReference)MetadataReference.CreateFromFile(a["/reference:".Length..])).ToList();
var defines = commandLine.First(a => a.StartsWith("/define:", StringComparison.Ordinal))["/define:".Length..].Split(';');
var analyzers = commandLine.Where(a => a.StartsWith("/analyzer:", StringComparison.Ordinal) && a.Contains("NetAnalyzers", StringComparison.Ordinal))
    .SelectMany(a => new AnalyzerFileReference(a["/analyzer:".Length..], new Loader()).GetAnalyzers(LanguageNames.CSharp))
    .Where(a => analyzerNames.Any(n => a.GetType().Name.Contains(n, StringComparison.Ordinal)))
    .ToImmutableArray();
// As csc without /doc: documentation comments are not parsed (the fixture does not generate a documentation file).
var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None, preprocessorSymbols: defines);
var compilationOptions = new CSharpCompilationOptions(
    OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable,
    concurrentBuild: false, deterministic: true);

var generated = Directory.GetDirectories(Path.Combine(fixture, "obj"), "PromptGen.Generator.PromptGenerator", SearchOption.AllDirectories).Single();
var sources = Directory.GetFiles(generated, "*.cs").Order(StringComparer.Ordinal)
    .Where(f => PromptIndex(f) < prompts)
    .ToDictionary(f => Path.GetFileName(f), f => Subset(File.ReadAllText(f), prompts));
Console.WriteLine($"{sources.Count} files, {sources.Values.Sum(s => s.Count(c => c == '\n'))} lines; analyzers: {string.Join(", ", analyzers.Select(a => a.GetType().Name))}; load average {LoadAverage()}");

if (parseOnly)
{
    ParseTiming.Run(sources, parseOptions);
    return 0;
}

var process = Process.GetCurrentProcess();
for (var warmUp = 0; warmUp < 2; warmUp++) Measure(sources);
var baseline = Measure(sources);
Print("as generated", baseline, baseline);
foreach (var name in variants.Where(v => v != "as-generated"))
{
    var variant = Variants.All[name];
    var changed = sources.ToDictionary(s => s.Key, s => variant(s.Key, s.Value));
    foreach (var (file, text) in Variants.ExtraFiles(name)) changed[file] = text;
    Print(name, Measure(changed), baseline);
}

Console.WriteLine($"load average {LoadAverage()}");
return 0;

Cost Measure(IReadOnlyDictionary<string, string> files)
{
    var (cpu0, bytes0) = Now();
    var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Value, parseOptions, f.Key)).ToList();
    var (cpu1, bytes1) = Now();
    var emit = CSharpCompilation.Create("Fixture", trees, references, compilationOptions).Emit(new MemoryStream());
    var (cpu2, bytes2) = Now();
    var withAnalyzers = CSharpCompilation.Create("Fixture", trees, references, compilationOptions).WithAnalyzers(
        analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
    _ = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    var (cpu3, bytes3) = Now();
    var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    if (errors.Count > 0) Console.WriteLine($"  {errors.Count} errors, first: {errors[0]}");
    return new Cost(cpu1 - cpu0, bytes1 - bytes0, cpu2 - cpu1, bytes2 - bytes1, cpu3 - cpu2, bytes3 - bytes2);
}

(double Cpu, long Bytes) Now()
{
    process.Refresh();
    return (process.TotalProcessorTime.TotalSeconds, GC.GetTotalAllocatedBytes(precise: true));
}

static void Print(string name, Cost cost, Cost baseline) =>
    Console.WriteLine(
        $"{name,-28} parse {cost.ParseCpu,5:F1} s {cost.ParseBytes / 1e6,6:F0} MB | emit {cost.EmitCpu,5:F1} s {cost.EmitBytes / 1e6,6:F0} MB ({(cost.EmitBytes - baseline.EmitBytes) / 1e6,+5:F0}) | " +
        $"analyzers {cost.AnalyzerCpu,5:F1} s {cost.AnalyzerBytes / 1e6,6:F0} MB ({(cost.AnalyzerBytes - baseline.AnalyzerBytes) / 1e6,+5:F0}) | " +
        $"total {(cost.TotalBytes - baseline.TotalBytes) * 100.0 / baseline.TotalBytes,+6:F1}% of allocations");

static string? TakeOption(List<string> arguments, string name)
{
    var at = arguments.IndexOf(name);
    if (at < 0) return null;
    var value = arguments[at + 1];
    arguments.RemoveRange(at, 2);
    return value;
}

// The fixture's compiler command line, from the detailed log eng/measure-generator.sh replays from its binary log.
static IReadOnlyList<string> CompilerCommandLine(string fixture)
{
    var log = Path.Combine(fixture, "measure", "build-1.detailed.log");
    var line = File.ReadLines(log).First(l => l.Contains("/bincore/csc ", StringComparison.Ordinal) || l.Contains("csc.dll ", StringComparison.Ordinal));
    return line.Trim().Split(' ');
}

// The number in a prompt file's name (ClassifyTicket0042Prompt.g.cs: 42); the catalog has none.
static int PromptIndex(string file) =>
    Regex.Match(Path.GetFileName(file), @"(\d+)Prompt\.") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;

// The catalog without the descriptors of the prompts left out.
static string Subset(string text, int prompts)
{
    if (prompts == int.MaxValue) return text;
    text = Regex.Replace(text, @"\n    public static partial class \w+?(\d+)Prompt\n    \{\n.*?\n    \}\n", m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < prompts ? m.Value : "\n", RegexOptions.Singleline);
    return Regex.Replace(text, @"^ *global::[\w.]+?(\d+)Prompt\.CreateDescriptor\(\),\n", m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < prompts ? m.Value : string.Empty, RegexOptions.Multiline);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

internal sealed record Cost(double ParseCpu, long ParseBytes, double EmitCpu, long EmitBytes, double AnalyzerCpu, long AnalyzerBytes)
{
    public long TotalBytes => ParseBytes + EmitBytes + AnalyzerBytes;
}

internal sealed class Loader : IAnalyzerAssemblyLoader
{
    public void AddDependencyLocation(string fullPath)
    {
    }

    public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
}
