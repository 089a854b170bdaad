using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

/// <summary>
/// Where the compiler parses generated code: a generator that only adds the fixture's generated files, run by Roslyn's
/// driver, then every tree it added parsed. The driver's reported time for the generator leaves the parse out when the
/// trees are parsed lazily (on first use, during the compile), which is what this shows. Then the parse alone, six times.
/// </summary>
internal static class ParseTiming
{
    public static void Run(IReadOnlyDictionary<string, string> sources, CSharpParseOptions parseOptions)
    {
        for (var run = 0; run < 3; run++)
        {
            var compilation = CSharpCompilation.Create("Fixture", new[] { CSharpSyntaxTree.ParseText("class Placeholder { }", parseOptions) });
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new AddFiles(sources).AsSourceGenerator() }, parseOptions: parseOptions);
            var watch = Stopwatch.StartNew();
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
            var generatorRun = watch.Elapsed.TotalMilliseconds;
            var reported = driver.GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds;
            watch.Restart();
            foreach (var tree in output.SyntaxTrees) _ = tree.GetRoot();
            Console.WriteLine(
                $"driver run {run + 1}: {generatorRun,5:F0} ms, the generator's reported time {reported,5:F0} ms; parsing its trees afterwards {watch.Elapsed.TotalMilliseconds,5:F0} ms");
        }

        for (var run = 0; run < 6; run++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var (file, text) in sources) _ = CSharpSyntaxTree.ParseText(text, parseOptions, file).GetRoot();
            Console.WriteLine($"parse alone, run {run + 1}: {watch.Elapsed.TotalMilliseconds,5:F0} ms");
        }
    }

    /// <summary>Adds the given files as they are, once per run of the driver.</summary>
    private sealed class AddFiles(IReadOnlyDictionary<string, string> files) : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(context.CompilationProvider, (output, _) =>
            {
                foreach (var (name, text) in files) output.AddSource(name, SourceText.From(text, Encoding.UTF8));
            });
    }
}
